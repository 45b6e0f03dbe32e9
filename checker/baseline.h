/*
 * The gate's inputs: a baseline (the accepted findings, one reviewable line each, written by
 * gupcheck baseline) and a --paths list (the paths that must stay clean, MAINTAINERS-style).
 */
#ifndef GUPCHECK_BASELINE_H
#define GUPCHECK_BASELINE_H

#include "plan.h"
#include "util.h"

/* The format this gupcheck writes and reads; another one is refused, naming both. */
#define BASELINE_FORMAT 1

/*
 * A baseline file:
 *   # gupcheck baseline 1 kernel=6.1.0 arch=x86 checks=all
 *   # other comment lines
 *   PATH<TAB>FUNCTION<TAB>CHECK<TAB>FINGERPRINT<TAB>MESSAGE
 * one line per accepted finding, in byte order (so: by path, function, check, fingerprint);
 * FUNCTION is "-" at file scope; MESSAGE has its line numbers taken out; a tab, newline or
 * backslash in a field is written \t, \n, \\.
 */
struct baseline_entry {
	char *path, *function, *message;
	enum check check;
	char fingerprint[17];
	int seen;		/* the gate found it again */
};

struct baseline {
	char *version, *arch;	/* the tree's: "6.1.0", "x86" */
	struct check_set checks;	/* the checks it was made with, and that the gate runs */
	struct baseline_entry *v;
	size_t n, alloc;
};

/*
 * Read the baseline file path into b (zero-initialised).  0, or -1 after one line naming the
 * file (and the line) and the problem: missing, not a baseline, another format, a corrupt line.
 * Release with baseline_release() either way.
 */
int baseline_read(struct baseline *b, const char *path);
void baseline_release(struct baseline *b);
/* The entry with fingerprint fp, or NULL. */
struct baseline_entry *baseline_find(struct baseline *b, const char *fp);

/* What a kernel tree is, for comparing a baseline with it before any scan. */
struct tree_id {
	char version[32], arch[32];	/* "6.1.0", "x86" */
	int degraded;			/* not configured: its scan would be degraded */
};
/* tree_open() path and fill id; -1 after one line. */
int tree_identity(const char *path, struct tree_id *id);
/* Say that what is (or would be) a degraded scan, which baseline and gate refuse; -1. */
int refuse_degraded(const char *what);

/*
 * msg without its line numbers ("at f.c:12: x" -> "at f.c: x", "the exit at line 56 (path: lines
 * 46,53)" -> "the exit at line  (path: lines )"); caller frees.
 */
char *strip_line_numbers(const char *msg);

/*
 * A --paths list: one path or pattern a line, or MAINTAINERS lines ("F:" a path or pattern,
 * "X:" one excluded; other tags ignored); "#" comments and blank lines skipped.  A pattern
 * ending in "/" is a folder and everything below it; "*" and "?" match within one path
 * component (fnmatch() with FNM_PATHNAME); a pattern without them also matches everything
 * below it, as a folder.
 */
struct path_filter {
	struct strvec include, exclude;
};
/* Read file into pf (zero-initialised); -1 after one line naming it and the problem. */
int path_filter_read(struct path_filter *pf, const char *file);
/* Is path (relative to the tree) in pf: matched by an F: line and by no X: line? */
int path_filter_match(const struct path_filter *pf, const char *path);
void path_filter_release(struct path_filter *pf);

#endif
