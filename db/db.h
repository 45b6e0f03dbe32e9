/*
 * The typed interface to the facts database; every SQL statement of gupcheck lives behind it
 * (db.c: the facts; db_plan.c: the plan; db_report.c: what reports say beside the findings).
 * Rows are read into malloc'ed structs that their *_rows_release() frees.
 */
#ifndef GUPCHECK_DB_H
#define GUPCHECK_DB_H

#include <stdio.h>
#include "facts.h"
#include "plan.h"

struct facts_db;

/*
 * Start a new database that will replace final_path: it is built in a temporary
 * file beside it, inside one transaction.  Returns NULL after printing an error.
 * Finish with db_commit() or db_abort(); both free the handle.
 */
struct facts_db *db_create(const char *final_path);

/*
 * The file a new database at path replaces (malloc'ed): path itself, or, for a symlink, the
 * regular file it names.  NULL after one line saying why not: an existing path that is not a
 * regular file (a folder, a FIFO, a device), or a folder that does not exist.  Checked
 * before a scan, so that it fails before the work.
 */
char *db_output_path(const char *path);
int db_set_meta(struct facts_db *db, const char *key, const char *value);
/* Row ids a file's facts got, index for index; the caller frees both arrays. */
struct db_ids {
	long long *calls, *fns, *flows;
};
/* Record one file and all its facts; ids receives their row ids. */
int db_add_file(struct facts_db *db, const struct file_facts *ff, struct db_ids *ids);
/*
 * db_census.c: a configuration of the scan (the configs table; target NULL when clang has
 * none), and, in a scan of several, each configuration's verdict and checks of the acquire at
 * path:line:col (site_configs).  0, or -1 after an error.
 */
int db_add_config(struct facts_db *db, const char *name, const char *arch, const char *target,
		  const char *build, long files);
int db_add_site_config(struct facts_db *db, const char *path, unsigned line, unsigned col,
		       const char *config, const char *verdict, const char *checks);
/* How many configurations the scan in db has (a census of several: more than 1); -1: error. */
long db_config_count(struct facts_db *db);
/* Build the indexes, commit, and rename the file over final_path: all or nothing. */
int db_commit(struct facts_db *db);
/* Drop everything; final_path is left as it was. */
void db_abort(struct facts_db *db);

/* Open an existing database read-only; refuses a missing file or another schema version. */
struct facts_db *db_open(const char *path);
/*
 * db_open() that, given why, prints nothing: a refusal puts its one line (malloc'ed; the
 * caller frees it) in *why.  With why NULL it is db_open().
 */
struct facts_db *db_open_why(const char *path, char **why);
void db_close(struct facts_db *db);
/* Value of a meta key, malloc'ed, or NULL. */
char *db_get_meta(struct facts_db *db, const char *key);

struct scan_summary {
	long files, ok, errors, failed, other_arch;
	long acquires, acquires_not_compiled, releases, stores;
	long ring2, findings;
};
int db_summary(struct facts_db *db, struct scan_summary *s);

/*
 * Print the facts of every file (or of the file named path) in the sorted text
 * format of the fixtures: "path:line:col: acquire NAME; key=value; ...".
 */
int db_print_facts(struct facts_db *db, const char *path, FILE *out);

/* Store the plan of the facts loaded so far; ids[i] are the row ids of plan->facts[i]. */
int db_add_plan(struct facts_db *db, const struct plan *plan, const struct db_ids *ids);

/* The stored plan, as gupcheck plan prints it. */
struct plan_release_row {
	char *path, *function, *api, *via;
	int line, col;
	int dispatched;		/* picked at run time by the pages' kind: it stays as it is */
	int dirty;		/* a dirtying (set_page_dirty*()), not a release */
	char *cond;		/* the condition of the if branch around it, or NULL */
	char *dispatch_cond;	/* dispatched: the condition that picks it, or NULL */
};
/* One call of a helper judged on its own (caller_verdicts): where, what, its dirtyings. */
struct plan_caller_row {
	char *path, *function, *evidence;
	int line, col;
	enum verdict verdict_id;
	enum rule rule_id;
	int keeps;		/* a release in a teardown: it keeps the pages long-term */
	int longterm;		/* the call passes FOLL_LONGTERM in the helper's flags */
	struct plan_release_row *dirty;	/* .dirty set: the dirtyings its side reaches */
	size_t ndirty;
};
struct plan_site_row {
	long long id;
	char *path, *function, *api, *flags, *flags_names, *evidence, *escape;
	enum verdict verdict_id;
	enum rule rule_id;
	char *result;		/* "ignored" or "used"; NULL when only the lexical census saw it */
	int line, col;
	int longterm;		/* FOLL_LONGTERM is written at the call or into its flags variable */
	char *reaches;		/* a function outside the files read the pages go to, or NULL */
	int returned;		/* the pages go back to callers the files do not show */
	char *pages;		/* the pages argument as written, or NULL */
	struct plan_release_row *rel;
	size_t nrel;
	struct plan_caller_row *callers;	/* a helper's calls, by path and line */
	size_t ncallers;
	char *callers_out;	/* why not every caller is in view, or NULL */
	/*
	 * a census of several configurations: each that compiles the site, with its verdict and
	 * checks there ("x86 pin, arm64 pin (dirty-missing)"); NULL when none or one scan
	 */
	char *configs;
};
struct plan_finding_row {
	char *path, *function, *severity, *message, *fingerprint;
	char *check;		/* NULL for a __gupcheck_where() probe */
	enum check check_id;	/* check by value, when check is set */
	int line, col;
	long long acquire_id;	/* 0 when not tied to a site */
};
struct plan_rows {
	struct plan_site_row *sites;
	size_t nsites;
	struct plan_finding_row *findings;
	size_t nfindings;
};
/* Store the sites' per-caller verdicts and dirtyings (db_callers.c); 0, or -1 after an error. */
int db_add_callers(struct facts_db *db, const struct plan *p, const struct db_ids *ids);
/* Read the per-caller rows of every site of rows (db_load_plan() does); -1 after an error. */
int db_load_callers(struct facts_db *db, struct plan_rows *rows);
/* Sites in path and line order, each with its releases; findings and probes by position. */
int db_load_plan(struct facts_db *db, struct plan_rows *rows);
/* The site of rows whose acquire has the id acquire_id (a finding's), or NULL (id 0: none). */
const struct plan_site_row *plan_rows_site(const struct plan_rows *rows, long long acquire_id);
void plan_rows_release(struct plan_rows *rows);

/*
 * Append to out, in path order, one "path: status: first diagnostic" line for each file the
 * scan parsed with errors or failed to parse (files.status errors or failed).  0, or -1 after
 * printing an error.
 */
int db_parse_problems(struct facts_db *db, struct strvec *out);

/* The content hash the scan recorded for path (malloc'ed), or NULL when the file was not read. */
char *db_file_hash(struct facts_db *db, const char *path);
/* fn(path, hash, data) for every file the scan read, in path order, until fn returns nonzero. */
int db_each_file(struct facts_db *db, int (*fn)(const char *path, const char *hash, void *data),
		 void *data);


/* One row of bio_reach: pages of an acquire site (or of another origin) get to a bio completion. */
struct reach_row {
	long long acquire_id;	/* 0: pages of another origin (page cache, allocated, ZERO_PAGE) */
	char *end_io, *end_io_path, *assign_path;
	int end_io_line, end_io_static, assign_line;
};
struct reach_rows {
	struct reach_row *v;
	size_t n;
};
int db_load_bio_reach(struct facts_db *db, struct reach_rows *rows);
void reach_rows_release(struct reach_rows *rows);

/* One origin of a bio completion: a row of the end_io_origins view. */
struct end_io_origin_row {
	char *kind;		/* gup-pin, gup-ref, pagecache, alloc, kernel, zero */
	char *origin, *path, *assign_path;
	int line, assign_line;	/* assign_*: where its bio gets the completion */
	char *flags_set;	/* BIO_* flags bio_set_flag() sets there, ","-separated, or NULL */
};
/* A completion GUP pages reach (a row of end_io_balance) and its origins, sorted. */
struct end_io_row {
	long long id;
	char *end_io, *path, *verdict, *origins;
	char *releases;		/* ","-separated; "" when it releases nothing */
	int line;
	struct end_io_origin_row *v;
	size_t n;
};
/* A callback, not bi_end_io, that releases pages of an iov_iter acquire (callback_releases). */
struct callback_row {
	char *path;		/* where the callback is defined, or NULL when no file read does */
	int line;
	char *callback, *api, *acquire_path, *releases;
	int acquire_line;
};
struct end_io_rows {
	struct end_io_row *v;
	size_t n;
	struct callback_row *callbacks;
	size_t ncallbacks;
};
/* Every completion in path and line order, then the callbacks. */
int db_load_end_io(struct facts_db *db, struct end_io_rows *rows);
void end_io_rows_release(struct end_io_rows *rows);
/*
 * Append to flags, sorted, the BIO_* flags that completion end_io, or a function it calls,
 * tests with bio_flagged().
 */
int db_end_io_tested_flags(struct facts_db *db, const char *end_io, struct strvec *flags);

/*
 * The facts cache (db_cache.c; db/README.md says what a key holds).  In a database being
 * created, db_add_cache_header() records a header's content hash under the row id the caller
 * gives it (once per header), and db_add_cache() a file's facts blob under its content hash
 * ff->hash and key, with the ids of the headers its parse read (ff->includes, as the caller
 * numbered them).  Facts facts_encode() cannot write are left out of the cache (0: the next
 * scan parses that file again); -1 after an SQL error.
 */
int db_add_cache_header(struct facts_db *db, long id, const char *path, const char *hash);
int db_add_cache(struct facts_db *db, const struct file_facts *ff, const char *key,
		 const long *header_ids, size_t nheaders);

/* A cached file: its facts (includes filled, ring 0) and the key they were stored under. */
struct cache_file_row {
	struct file_facts facts;
	char *key;
	char *config;		/* the configuration it was parsed in (cache_files.config) */
	int ring;		/* the file's ring in its configuration: 1, 2 or 3 (cache_files.ring) */
};
/* A header and the content hash it had when the files that read it were parsed. */
struct cache_header_row {
	char *path, *hash;
};
struct cache_rows {
	struct cache_file_row *files;	/* in path order, then configuration */
	size_t nfiles;
	struct cache_header_row *headers;	/* in path order */
	size_t nheaders;
};
/*
 * Load every cached file of db, decoded, and every header.  A blob that does not decode
 * (another FACTS_FORMAT, damage) is skipped: that file is simply not cached.  -1 after
 * printing an SQL error; release rows with cache_rows_release() either way.
 */
int db_load_cache(struct facts_db *db, struct cache_rows *rows);
void cache_rows_release(struct cache_rows *rows);

/* A .c or .h file the walk read, by its stat data (the cache_walk table). */
struct walk_row {
	char *path;
	long long size, mtime_ns, ctime_ns, inode;
	int candidate;
	char hash[17];		/* of a candidate's content; "" for the others */
	char tool[17];		/* facts_tool() of the gupcheck that read it */
};
struct walk_rows {
	struct walk_row *v;	/* in path order */
	size_t n, alloc;
};
/* Record one walked file in a database being created; -1 after an SQL error. */
int db_add_walk(struct facts_db *db, const struct walk_row *r);
/* Every walk row of db, in path order; -1 after an error.  Release with walk_rows_release(). */
int db_load_walk(struct facts_db *db, struct walk_rows *rows);
void walk_rows_release(struct walk_rows *rows);

#endif
