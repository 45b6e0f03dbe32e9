/* Error vocabulary, allocation wrappers and small buffers shared by every part of gupcheck. */
#ifndef GUPCHECK_UTIL_H
#define GUPCHECK_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Exit statuses, fixed by the product: 0 clean, 1 findings, 2 usage or environment. */
enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2 };

/* Print "gupcheck: <msg>" on stderr and exit with EXIT_USAGE. */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* die() for an argument usage does not take: "unknown option '--x'; usage: ..." on one line. */
void die_usage(const char *usage, const char *arg) __attribute__((noreturn));
/* The positive whole number text is, or die() naming option and text. */
int parse_jobs(const char *option, const char *text);
/* Print "gupcheck: error: <msg>" on stderr; returns -1 so callers can "return error(...)". */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "gupcheck: warning: <msg>" on stderr. */
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Allocation that never returns NULL: out of memory is fatal. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/*
 * A temporary database for a command that scans a tree it was given (malloc'ed):
 * $TMPDIR/gupcheck-WHAT.PID.db, or under /tmp when TMPDIR is unset or empty.
 */
char *temp_db_path(const char *what);
/* The folder part of a relative path ("" for none); caller frees. */
char *dir_of(const char *path);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow an array so that it holds at least n elements; alloc is updated. */
#define ALLOC_GROW(arr, n, alloc) do { \
	if ((n) > (alloc)) { \
		(alloc) = (alloc) ? (alloc) * 2 : 16; \
		if ((alloc) < (n)) (alloc) = (n); \
		(arr) = xrealloc((arr), (alloc) * sizeof(*(arr))); \
	} } while (0)

/* A growable NUL-terminated string; zero-initialise, free with strbuf_release(). */
struct strbuf {
	char *buf;
	size_t len, alloc;
};
void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_release(struct strbuf *sb);
/* Hand the buffer to the caller (who frees it) and reset sb. */
char *strbuf_detach(struct strbuf *sb);

/* A growable list of owned strings. */
struct strvec {
	char **v;
	size_t n, alloc;
};
void strvec_push(struct strvec *sv, const char *s);
/* Does sv hold a string equal to s? */
int strvec_has(const struct strvec *sv, const char *s);
void strvec_pushf(struct strvec *sv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Push each of the strings that follow sv, up to a NULL. */
void strvec_pushl(struct strvec *sv, ...) __attribute__((sentinel));
void strvec_clear(struct strvec *sv);
/* Sort sv's strings (strcmp order) and free all but the first of each run of equal ones. */
void strvec_sort_unique(struct strvec *sv);

/*
 * Read a whole regular file (symlinks followed); returns a malloc'ed NUL-terminated buffer, or
 * NULL with errno set (EINVAL for a FIFO, a device or a folder, which are never read).
 */
char *read_file(const char *path, size_t *len);
/* Is path (followed through symlinks) a regular file? */
int regular_file(const char *path);
/* 64-bit FNV-1a of a buffer, printed as 16 hex digits into out[17]. */
void hash_hex(const char *buf, size_t len, char out[17]);
/* Nonzero when path names an existing regular file / directory. */
int file_exists(const char *path);
int dir_exists(const char *path);
/* mkdir -p: create the folder path and the folders above it that are missing; -1 with errno. */
int mkdir_p(const char *path);
/* cp: copy the file src to dst (created with src's mode, or truncated); -1 with errno. */
int copy_file(const char *src, const char *dst);
/* rm -rf: remove path and everything below it (links are removed, not followed); -1 with errno. */
int remove_tree(const char *path);

#endif
