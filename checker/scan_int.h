/* Inside gupcheck scan: the facts cache as scan.c uses it (scan_cache.c). */
#ifndef GUPCHECK_SCAN_INT_H
#define GUPCHECK_SCAN_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include "db.h"
#include "facts.h"
#include "tree.h"

/* The content hash and page-array inlines of each header read in this scan, each read once. */
struct header_memo;

/* The previous database's facts cache, for one scan. */
struct fact_cache {
	struct cache_rows rows;		/* the old database's cache; taken rows zeroed */
	struct header_memo *memo;
	size_t reused;			/* files whose facts came from the cache */
	int used;			/* a previous database's cache was read */
	struct walk_rows walked;	/* the previous walk's files, by their stat data */
	struct walk_rows walk;		/* this walk's, for the new database */
	long long walk_start_ns;	/* when this walk began (CLOCK_REALTIME) */
	struct walk_source {		/* the walk's .c files by their stat, not through links */
		char *rel;
		struct stat st;
	} *sources;			/* in walk order: ring 3 searches them (scan_wrap.c) */
	size_t nsources, sources_alloc;
	char *wrappers_prev;		/* the previous scan's wrapper names, one a line, or NULL */
	char *wrappers;			/* this scan's, stored in the meta table, or NULL */
	const char *config;		/* the configuration being parsed: its rows are taken */
};

/* The previous scan's cache row of rel in fc's configuration, or NULL. */
struct cache_file_row *fact_cache_row(const struct fact_cache *fc, const char *rel);

/*
 * Read the cache of the database at out, the previous scan's, into fc (zeroed by the caller;
 * released with fact_cache_release()).  No file at out is a cold scan, silently; a file that is
 * not a gupcheck database of this schema version, or of another tree root or version, is a
 * cold scan with one warning.  fc then holds only an empty memo, which store uses too.
 */
void fact_cache_open(struct fact_cache *fc, const struct kernel_tree *t, const char *out);
/* An empty cache (--no-cache): nothing is reused, and the new database still gets one. */
void fact_cache_init(struct fact_cache *fc);
void fact_cache_release(struct fact_cache *fc);

/*
 * If the cache holds rel's facts under the content hash hash and the key key (facts_key()),
 * and every header their parse read still has its content hash, move them into ff (zeroed by
 * the caller, who releases it; ring is left 0) and return 1; else 0.
 */
int fact_cache_take(struct fact_cache *fc, const struct kernel_tree *t, const char *rel,
		    const char *hash, const char *key, struct file_facts *ff);

/*
 * The names of the static inline functions header path (relative to t's root) defines that
 * take or return a page array, one a line ("" when none or unreadable), with its content hash
 * and size: from fc's memo, so that a header is read once a scan for its hash and its inlines.
 */
const char *header_inlines(struct fact_cache *fc, const struct kernel_tree *t, const char *path,
			   char hash[17], off_t *size);
/* Those names in the header text buf (scan_ring.c), one a line, allocated. */
char *page_array_inlines(const char *buf, size_t len);

/*
 * The walk's side of the cache.  fact_cache_walked(): 1 when the previous walk read the file rel,
 * whose stat is st, with the same size, mtime, ctime and inode: *candidate and hash (a
 * candidate's content hash) are what it found then.  fact_cache_note_walk(): remember what this
 * walk found for rel, unless its mtime is less than 2 s before the walk began (racy: a change
 * within the same timestamp tick would keep the stat).
 */
int fact_cache_walked(struct fact_cache *fc, const char *rel, const struct stat *st,
		      int *candidate, char hash[17]);
void fact_cache_note_walk(struct fact_cache *fc, const char *rel, const struct stat *st,
			  int candidate, const char *hash);

/*
 * Store the cache rows of facts[0..n) in db's open transaction: the headers they read (hashed
 * through fc's memo, each once), each file with a key, and fc's walk.  -1 after an error.
 */
int fact_cache_store(struct facts_db *db, const struct kernel_tree *t, struct fact_cache *fc,
		     const struct file_facts *facts, size_t n);

/*
 * Follow the pages of facts[0..n), decide, check (the selection checks; census: several
 * configurations' word on each site, or NULL) into plan; release it with scan_plan_release().
 */
struct census;
struct plan;
struct db_ids;
void scan_plan(const struct kernel_tree *t, struct file_facts *facts, size_t n,
	       const struct check_set *checks, const struct census *census, struct plan *plan);
void scan_plan_release(struct plan *plan);
/* scan_plan() stored in db's open transaction, files' ids in ids; 0, or -1 after an error. */
int scan_add_plan(const struct kernel_tree *t, struct file_facts *facts, size_t n,
		  struct facts_db *db, struct db_ids *ids, const struct check_set *checks,
		  const struct census *census);

/* scan_store() with the cache fc of this scan (NULL: an empty one, no walk rows). */
struct check_set;
int scan_store_cache(const struct kernel_tree *t, struct file_facts *facts, size_t n,
		     const char *out, const struct check_set *checks, struct fact_cache *fc);

/* A file the scan reads: a candidate, a ring-2 file, or a header read for its inline functions. */
struct candidate {
	char *rel;
	char *includer;		/* a header's: the file whose parse reads its inlines */
	off_t size;
	char hash[17];		/* of the content the walk read */
	struct strvec args;	/* the clang arguments, from tree_flags(), until it is parsed */
	const char *from;	/* where they came from */
};

/* The files of one parse run and their facts (facts[i] is files[i]'s). */
struct scan_job {
	const struct kernel_tree *tree;
	struct candidate *files;
	struct file_facts *facts;
	size_t n;
	size_t *todo;		/* the files[] to parse: those the cache did not give */
	size_t ntodo;
	atomic_size_t next, done;
	int progress;
	pthread_mutex_t lock;
};

/*
 * Give job->facts[i] the facts of every job->files[i]: from the cache fc when it holds them,
 * else parsed, on jobs threads; each gets ring 1 (the caller changes it).  The clang arguments
 * are cleared.
 */
void run_workers(struct scan_job *job, struct fact_cache *fc, int jobs);

/*
 * Ring 2 (scan_ring.c): add to job the files that meet its acquiring side by name and the
 * headers whose inline functions it calls with pages, parsed or from fc, with ring 2, until a
 * round adds nothing (at most RING_ROUNDS rounds).
 */
#define RING_ROUNDS 4
void scan_ring2(const struct kernel_tree *t, struct scan_job *job, struct fact_cache *fc,
		int jobs);

/*
 * Wrapper acquire APIs (scan_wrap.c): add to job, as ring 3, the .c files of the tree that call
 * a wrapper of job's facts (flow_find_wrappers()); an unchanged file keeps the previous scan's
 * answer when the wrappers are among the previous scan's.  Records the names in fc->wrappers.
 */
void scan_wrap(const struct kernel_tree *t, struct scan_job *job, struct fact_cache *fc, int jobs);

/* The walk (scan.c): job gets the candidate files of tree, *seen the count of .c and .h read. */
int scan_walk_tree(const struct kernel_tree *tree, const char *tree_path, struct scan_job *job,
		   struct fact_cache *fc, size_t *seen);
/* Candidates by size, largest first (the parse order); file facts by path. */
int by_size_desc(const void *a, const void *b);
int by_path(const void *a, const void *b);
/*
 * The summary line of the database out (a scan that read a previous database's cache says
 * what it reused), the path walk's line, and -v's files that failed or have errors.
 */
int scan_print_summary(const char *out, size_t seen, const struct fact_cache *fc);
void scan_print_paths(const struct file_facts *facts, size_t n);
void scan_name_failures(const struct file_facts *facts, size_t n);

/*
 * gupcheck scan TREE --build DIR... (scan_configs.c): the source tree in each configuration,
 * one census in out (target: the path written, from db_output_path()).
 */
int scan_configs(const char *tree_path, const struct strvec *builds, const char *out,
		 const char *target, int jobs, unsigned flags, const struct check_set *checks);

/* What scan_tree() and scan_configs() are told: the command line's switches. */
enum scan_flag {
	SCAN_QUIET = 1 << 0,	/* no progress, no summary */
	SCAN_NO_CACHE = 1 << 1,	/* parse every file: the old database's cache is not read */
	SCAN_VERBOSE = 1 << 2,	/* name each file that failed to parse or has errors */
};

#endif
