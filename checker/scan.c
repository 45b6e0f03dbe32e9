/* gupcheck scan: a tree's candidate files, parsed in parallel, their facts loaded atomically. */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "commands.h"
#include "db.h"
#include "flow.h"
#include "kernel.h"
#include "lex.h"
#include "parse.h"
#include "cfg.h"
#include "scan_int.h"
#include "tree.h"

/* Top-level folders that hold no kernel code (usr/ holds installed copies of uapi headers). */
static int skip_dir(const char *rel)
{
	return !strcmp(rel, "tools") || !strcmp(rel, "Documentation") || !strcmp(rel, "usr");
}

/* A header is a candidate only when it calls a GUP-family function, not if it just declares one. */
static int header_calls(const char *buf, size_t len)
{
	struct lex_call *calls;
	size_t n = lex_calls(buf, len, &calls);

	lex_calls_free(calls, n);
	return n > 0;
}

/* What the walk of a tree has found so far. */
struct walk_state {
	const char *root;
	struct candidate *files;
	size_t n, alloc;
	size_t seen;		/* .c and .h files read */
	struct strvec links;	/* symlinks met, followed after the tree's own files */
	struct stat *dirs;	/* folders outside the tree entered through links: each once */
	size_t ndirs, dirs_alloc;
	struct fact_cache *fc;	/* what the previous walk read, and what this one reads */
};

/* Enter the folder st once: 0 when it was entered before (a symlink loop, a second link). */
static int walk_enter(struct walk_state *w, const struct stat *st)
{
	for (size_t i = 0; i < w->ndirs; i++)
		if (w->dirs[i].st_dev == st->st_dev && w->dirs[i].st_ino == st->st_ino)
			return 0;
	ALLOC_GROW(w->dirs, w->ndirs + 1, w->dirs_alloc);
	w->dirs[w->ndirs++] = *st;
	return 1;
}

static int is_source(const char *name)
{
	size_t len = strlen(name);

	return len > 2 && name[len - 2] == '.' && (name[len - 1] == 'c' || name[len - 1] == 'h');
}

/* Keep rel (takes it) as a candidate of size bytes, whose content hash is hash. */
static void walk_keep(struct walk_state *w, char *rel, off_t size, const char *hash)
{
	ALLOC_GROW(w->files, w->n + 1, w->alloc);
	memset(&w->files[w->n], 0, sizeof(*w->files));
	memcpy(w->files[w->n].hash, hash, sizeof(w->files[w->n].hash));
	w->files[w->n].rel = rel;
	w->files[w->n++].size = size;
}

/* The stat of the file rel, dfd its folder open (by its last name) or -1 (by its path). */
static int walk_stat(const struct walk_state *w, const char *rel, int dfd, struct stat *st)
{
	const char *slash = strrchr(rel, '/');
	char *abs;
	int rc;

	if (dfd >= 0)
		return fstatat(dfd, slash ? slash + 1 : rel, st, 0);
	abs = xasprintf("%s/%s", w->root, rel);
	rc = stat(abs, st);
	free(abs);
	return rc;
}

/*
 * Read the source file rel (takes it; dfd its folder, open, or -1) and keep it when it is a
 * candidate; a file whose stat data are those the previous walk recorded is not read again:
 * its answer then is kept.
 */
static void walk_file(struct walk_state *w, char *rel, int dfd)
{
	size_t flen, len = strlen(rel);
	char *abs, *buf, hash[17] = "";
	struct stat st;
	int has_stat = !walk_stat(w, rel, dfd, &st), cand;

	w->seen++;
	if (has_stat && dfd >= 0 && rel[len - 1] == 'c') {
		struct walk_source *src;

		ALLOC_GROW(w->fc->sources, w->fc->nsources + 1, w->fc->sources_alloc);
		src = &w->fc->sources[w->fc->nsources++];
		src->rel = xstrdup(rel);
		src->st = st;
	}
	if (has_stat && fact_cache_walked(w->fc, rel, &st, &cand, hash)) {
		fact_cache_note_walk(w->fc, rel, &st, cand, hash);
		if (cand)
			walk_keep(w, rel, st.st_size, hash);
		else
			free(rel);
		return;
	}
	abs = xasprintf("%s/%s", w->root, rel);
	buf = read_file(abs, &flen);
	if (!buf)
		warning("%s: cannot read", abs);
	cand = buf && lex_is_candidate(buf, flen) &&
	       (rel[len - 1] == 'c' || header_calls(buf, flen));
	if (cand)
		hash_hex(buf, flen, hash);
	if (buf && has_stat && (off_t)flen == st.st_size)
		fact_cache_note_walk(w->fc, rel, &st, cand, hash);
	if (cand)
		walk_keep(w, rel, flen, hash);
	else
		free(rel);
	free(buf);
	free(abs);
}

static void walk(struct walk_state *w, const char *rel);

/*
 * One entry of the folder open at dfd (takes sub): folders are walked and regular .c and .h
 * files read;
 * symlinks wait for walk_links(); a .c or .h name that is something else (a FIFO, a device)
 * is skipped, and said so.
 */
static void walk_entry(struct walk_state *w, char *sub, unsigned char type, int dfd)
{
	char *abs;
	struct stat st;

	if (type == DT_UNKNOWN) {	/* file systems that do not say: ask */
		abs = xasprintf("%s/%s", w->root, sub);
		type = lstat(abs, &st) ? DT_UNKNOWN : S_ISDIR(st.st_mode) ? DT_DIR :
		       S_ISREG(st.st_mode) ? DT_REG : S_ISLNK(st.st_mode) ? DT_LNK : DT_FIFO;
		free(abs);
	}
	if (type == DT_REG && is_source(sub)) {
		walk_file(w, sub, dfd);
		return;
	}
	if (type == DT_DIR && !skip_dir(sub))
		walk(w, sub);
	else if (type == DT_LNK)
		strvec_push(&w->links, sub);
	else if (type != DT_DIR && type != DT_REG && is_source(sub))
		warning("%s/%s: not a regular file, skipped", w->root, sub);
	free(sub);
}

static void walk(struct walk_state *w, const char *rel)
{
	char *path = rel[0] ? xasprintf("%s/%s", w->root, rel) : xstrdup(w->root);
	DIR *d = opendir(path);
	struct dirent *e;

	if (!d) {
		warning("%s: cannot read folder", path);
		free(path);
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		walk_entry(w, rel[0] ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name),
			   e->d_type, dirfd(d));
	}
	closedir(d);
	free(path);
}

/* Is real, an absolute path, root or inside it? */
static int inside(const char *real, const char *root)
{
	size_t len = strlen(root);

	return !strncmp(real, root, len) && (!real[len] || real[len] == '/');
}

/*
 * Follow the symlinks the walk met (more are added as it goes).  A link to a place inside the
 * tree is not followed: the walk reads that place under its own name.  A link out of the tree
 * (a symlink farm) is read under the link's name: a folder once, however many links lead to
 * it, so that loops end.
 */
static void walk_links(struct walk_state *w)
{
	for (size_t i = 0; i < w->links.n; i++) {
		const char *rel = w->links.v[i];
		char *abs = xasprintf("%s/%s", w->root, rel), *real = realpath(abs, NULL);
		struct stat st;

		if (!real || stat(real, &st)) {
			if (is_source(rel))
				warning("%s: a symlink to nothing, skipped", abs);
		} else if (inside(real, w->root)) {
			/* read where it is, under its own name */
		} else if (S_ISDIR(st.st_mode)) {
			if (!skip_dir(rel) && walk_enter(w, &st))
				walk(w, rel);
		} else if (is_source(rel)) {
			if (S_ISREG(st.st_mode))
				walk_file(w, xstrdup(rel), -1);
			else
				warning("%s: not a regular file, skipped", abs);
		}
		free(real);
		free(abs);
	}
}

int by_size_desc(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	return (x->size < y->size) - (x->size > y->size);
}

int by_path(const void *a, const void *b)
{
	const struct file_facts *x = a, *y = b;

	return strcmp(x->path, y->path);
}

static void *worker(void *arg)
{
	struct scan_job *job = arg;
	CXIndex idx = clang_createIndex(0, 0);
	size_t i;

	while ((i = atomic_fetch_add(&job->next, 1)) < job->ntodo) {
		size_t k = job->todo[i];
		struct candidate *c = &job->files[k];

		if (c->includer)
			parse_header_args(idx, job->tree, c->rel, c->includer, &c->args, c->from,
					  &job->facts[k]);
		else
			parse_file_args(idx, job->tree, c->rel, &c->args, c->from, &job->facts[k]);
		size_t done = atomic_fetch_add(&job->done, 1) + 1;
		if (job->progress) {
			pthread_mutex_lock(&job->lock);
			fprintf(stderr, "\rgupcheck: scan: %zu/%zu files", done, job->ntodo);
			fflush(stderr);
			pthread_mutex_unlock(&job->lock);
		}
	}
	clang_disposeIndex(idx);
	return NULL;
}

/*
 * The facts of every file of job the cache holds (fc may be empty) go into job->facts; the
 * others' clang arguments are worked out and they are listed in job->todo.
 */
static void take_cached(struct scan_job *job, struct fact_cache *fc)
{
	const struct kernel_tree *t = job->tree;

	job->todo = xcalloc(job->n + 1, sizeof(*job->todo));
	job->ntodo = 0;
	for (size_t i = 0; i < job->n; i++) {
		struct candidate *c = &job->files[i];
		char *other = c->includer ? NULL : tree_other_arch(t, c->rel), *key;

		tree_flags(t, c->includer ? c->includer : c->rel, &c->args, &c->from);
		if (c->includer)
			key = header_key(t, c->rel, c->includer, &c->args, c->from);
		else
			key = facts_key(t, c->rel, &c->args, c->from, tree_built(t, c->rel, NULL),
					other);
		if (fact_cache_take(fc, t, c->rel, c->hash, key, &job->facts[i]))
			strvec_clear(&c->args);
		else
			job->todo[job->ntodo++] = i;
		free(key);
		free(other);
	}
}

/* Parse the files of job the cache does not give, with jobs threads (scan_int.h). */
void run_workers(struct scan_job *job, struct fact_cache *fc, int jobs)
{
	pthread_t *th = xcalloc(jobs, sizeof(*th));
	int started = 0;

	take_cached(job, fc);
	if (!job->ntodo)
		goto done;

	for (int i = 0; i < jobs; i++)
		if (!pthread_create(&th[i], NULL, worker, job))
			started++;
		else
			break;
	if (!started)
		worker(job);
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	if (job->progress)
		fputc('\n', stderr);
done:
	for (size_t i = 0; i < job->n; i++) {
		job->facts[i].ring = 1;
		strvec_clear(&job->files[i].args);
	}
	free(job->todo);
	job->todo = NULL;
	free(th);
}

static void say_degraded(const struct kernel_tree *t, const char *path)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < t->missing.n; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", t->missing.v[i]);
	warning("%s: tree is not fully configured (missing %s): parsing is degraded and sites"
		" the compiler cannot see are taken from the lexical census; configure it with"
		" 'make -C %s allmodconfig prepare' (on v5.x trees with gcc 12, 'make prepare' fails"
		" in tools/objtool after these headers are made)", path, sb.buf, path);
	strbuf_release(&sb);
}

void scan_plan(const struct kernel_tree *t, struct file_facts *facts, size_t n,
	       const struct check_set *checks, const struct census *census, struct plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	plan->facts = facts;
	plan->nfiles = n;
	plan->census = census;
	tree_api(t, plan);
	plan->version = t->version;
	plan->patchlevel = t->patchlevel;
	plan->per_caller = 1;
	flow_analyse(plan);
	plan_decide(plan);
	flow_callers_combine(plan);
	checks_run(plan, checks);
}

void scan_plan_release(struct plan *plan)
{
	flow_callers_release(plan);
	plan_release(plan);
}

int scan_add_plan(const struct kernel_tree *t, struct file_facts *facts, size_t n,
		  struct facts_db *db, struct db_ids *ids, const struct check_set *checks,
		  const struct census *census)
{
	struct plan plan;
	int rc;

	scan_plan(t, facts, n, checks, census, &plan);
	rc = db_set_meta(db, "dialect", dialect_name(plan.dialect)) ||
	     db_set_meta(db, "has_extract", plan.has_extract ? "yes" : "no") ||
	     db_set_meta(db, "put_user_page", plan.has_put_user ? "yes" : "no") ||
	     db_set_meta(db, "bio_page_pinned", plan.bio_pinned ? "yes" : "no") ||
	     db_add_plan(db, &plan, ids);
	scan_plan_release(&plan);
	return rc ? -1 : 0;
}

int scan_store_cache(const struct kernel_tree *t, struct file_facts *facts, size_t n,
		     const char *out, const struct check_set *checks, struct fact_cache *fc)
{
	struct fact_cache own = { 0 };
	struct facts_db *db = db_create(out);
	struct db_ids *ids = NULL;
	char buf[64];
	int rc = -1;

	if (!db)
		return -1;
	if (!fc) {
		fact_cache_init(&own);
		fc = &own;
	}
	snprintf(buf, sizeof(buf), "%d.%d.%d", t->version, t->patchlevel, t->sublevel);
	if (db_set_meta(db, "tree", t->root) || db_set_meta(db, "version", buf) ||
	    db_set_meta(db, "arch", t->arch) ||
	    db_set_meta(db, "configured", t->configured && !t->missing.n ? "yes" : "degraded"))
		goto free_ids;
	qsort(facts, n, sizeof(*facts), by_path);
	ids = xcalloc(n + 1, sizeof(*ids));
	for (size_t i = 0; i < n; i++)
		if (db_add_file(db, &facts[i], &ids[i]))
			goto free_ids;
	/* the cache first: it keeps the facts as parsed, whatever the plan does with them */
	if (fact_cache_store(db, t, fc, facts, n) ||
	    db_add_config(db, t->config, t->arch, t->target, t->objtree, (long)n) ||
	    scan_add_plan(t, facts, n, db, ids, checks, NULL))
		goto free_ids;
	rc = 0;
free_ids:
	for (size_t i = 0; ids && i < n; i++) {
		free(ids[i].calls);
		free(ids[i].fns);
		free(ids[i].flows);
	}
	free(ids);
	fact_cache_release(&own);
	if (rc) {
		db_abort(db);
		return -1;
	}
	return db_commit(db);
}

int scan_store(const struct kernel_tree *t, struct file_facts *facts, size_t n, const char *out,
	       const struct check_set *checks)
{
	return scan_store_cache(t, facts, n, out, checks, NULL);
}

int scan_print_summary(const char *out, size_t seen, const struct fact_cache *fc)
{
	struct facts_db *db = db_open(out);
	struct scan_summary s;
	char reuse[96] = "";

	if (!db || db_summary(db, &s)) {
		db_close(db);
		return -1;
	}
	if (fc->used)
		snprintf(reuse, sizeof(reuse), ", %zu parsed now, %zu from the cache",
			 (size_t)s.files - fc->reused, fc->reused);
	printf("gupcheck: scan: %zu files read, %ld candidates (%ld read for their releases),"
	       " %ld parsed (%ld with errors), %ld failed, %ld of another ARCH%s, %ld acquire sites"
	       " (%ld not compiled), %ld release sites, %ld field stores, %ld findings -> %s\n",
	       seen, s.files, s.ring2, s.ok + s.errors, s.errors, s.failed, s.other_arch, reuse,
	       s.acquires, s.acquires_not_compiled, s.releases, s.stores, s.findings, out);
	db_close(db);
	return 0;
}

void scan_print_paths(const struct file_facts *facts, size_t n)
{
	struct path_stats st;

	path_stats(facts, n, &st);
	printf("gupcheck: scan: paths: %lu walked from %lu acquires (at most %lu from one),"
	       " path cap %d reached at %lu\n", st.paths, st.acquires, st.most, PATH_CAP,
	       st.capped);
}

void scan_name_failures(const struct file_facts *facts, size_t n)
{
	static const char *const status[] = { "ok", "errors", "failed", "other-arch" };

	for (size_t i = 0; i < n; i++)
		if (facts[i].status == PARSE_ERRORS || facts[i].status == PARSE_FAILED)
			fprintf(stderr, "gupcheck: scan: %s: %s: %s\n", facts[i].path,
				status[facts[i].status],
				facts[i].first_diag ? facts[i].first_diag : "(no message)");
}

int scan_walk_tree(const struct kernel_tree *tree, const char *tree_path, struct scan_job *job,
		     struct fact_cache *fc, size_t *seen)
{
	struct walk_state w = { .root = tree->root, .fc = fc };

	walk(&w, "");
	walk_links(&w);
	free(w.dirs);
	strvec_clear(&w.links);
	job->files = w.files;
	job->n = w.n;
	*seen = w.seen;
	if (!job->n)
		return error("%s: no file names a GUP-family function (%zu .c and .h files read)",
			     tree_path, w.seen);
	return 0;
}

static int scan_tree(const char *tree_path, const char *out, int jobs, unsigned flags,
		     const struct check_set *checks)
{
	struct kernel_tree tree;
	struct scan_job job = { 0 };
	struct fact_cache fc;
	size_t seen = 0;
	int rc = EXIT_USAGE;
	char *target;

	if (!(target = db_output_path(out)))
		return EXIT_USAGE;
	if (tree_open(&tree, tree_path)) {
		free(target);
		return EXIT_USAGE;
	}
	if (!tree.configured || tree.missing.n)
		say_degraded(&tree, tree_path);
	if (flags & SCAN_NO_CACHE)
		fact_cache_init(&fc);
	else
		fact_cache_open(&fc, &tree, target);
	fc.config = tree.config;
	if (scan_walk_tree(&tree, tree_path, &job, &fc, &seen))
		goto free_tree;
	qsort(job.files, job.n, sizeof(*job.files), by_size_desc);
	job.tree = &tree;
	job.facts = xcalloc(job.n, sizeof(*job.facts));
	job.progress = isatty(2) && !(flags & SCAN_QUIET);
	pthread_mutex_init(&job.lock, NULL);
	run_workers(&job, &fc, jobs);
	scan_ring2(&tree, &job, &fc, jobs);
	scan_wrap(&tree, &job, &fc, jobs);

	if (!scan_store_cache(&tree, job.facts, job.n, target, checks, &fc) &&
	    ((flags & SCAN_QUIET) || !scan_print_summary(out, seen, &fc))) {
		rc = EXIT_CLEAN;
		if (!(flags & SCAN_QUIET))
			scan_print_paths(job.facts, job.n);
	}
	if (flags & SCAN_VERBOSE)
		scan_name_failures(job.facts, job.n);
	for (size_t i = 0; i < job.n; i++)
		file_facts_release(&job.facts[i]);
	free(job.facts);
	pthread_mutex_destroy(&job.lock);
free_tree:
	fact_cache_release(&fc);
	for (size_t i = 0; i < job.n; i++) {
		free(job.files[i].rel);
		free(job.files[i].includer);
	}
	free(job.files);
	tree_release(&tree);
	free(target);
	return rc;
}

/* Append the facts ff (taken) of the ring-1 file path to job. */
static void job_add(struct scan_job *job, size_t *alloc, const char *path, struct file_facts *ff)
{
	if (job->n + 1 > *alloc) {
		*alloc = *alloc ? 2 * *alloc : 64;
		job->files = xrealloc(job->files, *alloc * sizeof(*job->files));
		job->facts = xrealloc(job->facts, *alloc * sizeof(*job->facts));
	}
	memset(&job->files[job->n], 0, sizeof(*job->files));
	job->files[job->n].rel = xstrdup(path);
	job->facts[job->n] = *ff;
	job->facts[job->n++].ring = 1;
	memset(ff, 0, sizeof(*ff));
}

int scan_store_one(const struct kernel_tree *t, struct file_facts *ff, const char *out,
		   const struct check_set *checks)
{
	struct scan_job job = { .tree = t };
	struct fact_cache fc;
	size_t alloc = 0;
	int rc;
	struct facts_db *old = file_exists(out) ? db_open(out) : NULL;
	long nconfigs = old ? db_config_count(old) : 0;

	db_close(old);
	if (nconfigs > 1)	/* its other configurations' facts would be lost */
		return error("%s: a census of %ld configurations (scan --build): one file is"
			     " rescanned into a scan of the tree in place only", out, nconfigs);
	fact_cache_open(&fc, t, out);
	fc.config = t->config;
	for (size_t i = 0; i < fc.rows.nfiles; i++) {
		struct cache_file_row *row = &fc.rows.files[i];

		if (row->ring != 1 || !strcmp(row->facts.path, ff->path) ||
		    strcmp(row->config ? row->config : "", t->config))
			continue;
		row->facts.key = row->key;
		row->key = NULL;
		row->facts.config = t->config;
		job_add(&job, &alloc, row->facts.path, &row->facts);
		row->facts.path = xstrdup(job.files[job.n - 1].rel);	/* rows stay searchable */
	}
	job_add(&job, &alloc, ff->path, ff);
	pthread_mutex_init(&job.lock, NULL);
	scan_ring2(t, &job, &fc, (int)sysconf(_SC_NPROCESSORS_ONLN));
	scan_wrap(t, &job, &fc, (int)sysconf(_SC_NPROCESSORS_ONLN));
	pthread_mutex_destroy(&job.lock);
	rc = scan_store_cache(t, job.facts, job.n, out, checks, &fc);
	for (size_t i = 0; i < job.n; i++) {
		file_facts_release(&job.facts[i]);
		free(job.files[i].rel);
		free(job.files[i].includer);
	}
	free(job.facts);
	free(job.files);
	fact_cache_release(&fc);
	return rc;
}

int scan_run(const char *tree_path, const char *out, int jobs, int quiet)
{
	return scan_run_checks(tree_path, out, jobs, quiet, NULL);
}

int scan_run_checks(const char *tree_path, const char *out, int jobs, int quiet,
		    const struct check_set *checks)
{
	return scan_tree(tree_path, out, jobs, quiet ? SCAN_QUIET : 0, checks);
}

struct facts_db *open_scanned(const char *path)
{
	struct facts_db *db = db_open(path);
	char *configured = db ? db_get_meta(db, "configured") : NULL;

	if (configured && strcmp(configured, "yes"))
		warning("%s: a degraded scan: its tree was not configured, so the compiler saw less"
			" than kbuild builds and sites came from the lexical census; configure the"
			" tree (make allmodconfig prepare) and scan it again", path);
	free(configured);
	return db;
}

struct facts_db *scan_or_open(const char *what, const struct check_set *checks, char **tmp)
{
	*tmp = NULL;
	if (!dir_exists(what))
		return open_scanned(what);
	*tmp = temp_db_path("scan");
	if (scan_run_checks(what, *tmp, (int)sysconf(_SC_NPROCESSORS_ONLN), 1, checks))
		return NULL;
	return db_open(*tmp);
}

#define SCAN_USAGE "usage: gupcheck scan TREE [--build DIR]... [-o FILE.db] [-j N] [--no-cache]" \
	" [-v] [--checks=A,B] [--no-checks=A,B]"

int cmd_scan(int argc, char **argv)
{
	const char *tree_path = NULL, *out = "gupcheck.db";
	int jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	struct check_set checks = { 0 };
	struct strvec builds = { 0 };
	unsigned flags = 0;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--build") && i + 1 < argc)
			strvec_push(&builds, argv[++i]);
		else if (!strncmp(argv[i], "--build=", 8) && argv[i][8])
			strvec_push(&builds, argv[i] + 8);
		else if (!strcmp(argv[i], "--no-cache"))
			flags |= SCAN_NO_CACHE;
		else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose"))
			flags |= SCAN_VERBOSE;
		else if (!strcmp(argv[i], "-j") && i + 1 < argc)
			jobs = parse_jobs("-j", argv[++i]);
		else if (!strncmp(argv[i], "-j", 2) && argv[i][2])
			jobs = parse_jobs("-j", argv[i] + 2);
		else if (check_set_option(&checks, argv[i]))
			continue;
		else if (argv[i][0] != '-' && !tree_path)
			tree_path = argv[i];
		else
			die_usage(SCAN_USAGE, argv[i]);
	}
	if (!tree_path)
		die(SCAN_USAGE);
	if (!builds.n)
		return scan_tree(tree_path, out, jobs, flags, &checks);
	char *target = db_output_path(out);
	rc = target ? scan_configs(tree_path, &builds, out, target, jobs, flags, &checks) : EXIT_USAGE;
	free(target);
	strvec_clear(&builds);
	return rc;
}
