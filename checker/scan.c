/* gupcheck scan: find the candidate files of a kernel tree, parse them in parallel, load the facts atomically. */
#define _GNU_SOURCE
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
#include "lex.h"
#include "parse.h"
#include "tree.h"

struct candidate {
	char *rel;
	off_t size;
};

struct scan_job {
	const struct kernel_tree *tree;
	struct candidate *files;
	struct file_facts *facts;
	size_t n;
	atomic_size_t next, done;
	int progress;
	pthread_mutex_t lock;
};

/* Top-level folders that hold no kernel code (usr/ holds installed copies of uapi headers). */
static int skip_dir(const char *rel)
{
	return !strcmp(rel, "tools") || !strcmp(rel, "Documentation") || !strcmp(rel, "usr");
}

/* A header is a candidate only when it calls a GUP-family function, not when it just declares one. */
static int header_calls(const char *buf, size_t len)
{
	struct lex_call *calls;
	size_t n = lex_calls(buf, len, &calls);

	lex_calls_free(calls, n);
	return n > 0;
}

static void walk(const char *root, const char *rel, struct candidate **out, size_t *n, size_t *alloc,
		 size_t *seen)
{
	char *path = rel[0] ? xasprintf("%s/%s", root, rel) : xstrdup(root);
	DIR *d = opendir(path);
	struct dirent *e;

	if (!d) {
		warning("%s: cannot read folder", path);
		free(path);
		return;
	}
	while ((e = readdir(d))) {
		char *sub;
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		sub = rel[0] ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
		if (e->d_type == DT_DIR && !skip_dir(sub)) {
			walk(root, sub, out, n, alloc, seen);
		} else if (e->d_type == DT_REG && len > 2 && e->d_name[len - 2] == '.' &&
			   (e->d_name[len - 1] == 'c' || e->d_name[len - 1] == 'h')) {
			char *abs = xasprintf("%s/%s", root, sub);
			size_t flen;
			char *buf = read_file(abs, &flen);

			(*seen)++;
			if (!buf)
				warning("%s: cannot read", abs);
			else if (lex_is_candidate(buf, flen) && (e->d_name[len - 1] == 'c' || header_calls(buf, flen))) {
				ALLOC_GROW(*out, *n + 1, *alloc);
				(*out)[*n].rel = sub;
				(*out)[*n].size = flen;
				(*n)++;
				sub = NULL;
			}
			free(buf);
			free(abs);
		}
		free(sub);
	}
	closedir(d);
	free(path);
}

static int by_size_desc(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	return (x->size < y->size) - (x->size > y->size);
}

static int by_path(const void *a, const void *b)
{
	const struct file_facts *x = a, *y = b;

	return strcmp(x->path, y->path);
}

static void *worker(void *arg)
{
	struct scan_job *job = arg;
	CXIndex idx = clang_createIndex(0, 0);
	size_t i;

	while ((i = atomic_fetch_add(&job->next, 1)) < job->n) {
		parse_file(idx, job->tree, job->files[i].rel, &job->facts[i]);
		size_t done = atomic_fetch_add(&job->done, 1) + 1;
		if (job->progress) {
			pthread_mutex_lock(&job->lock);
			fprintf(stderr, "\rgupcheck: scan: %zu/%zu files", done, job->n);
			fflush(stderr);
			pthread_mutex_unlock(&job->lock);
		}
	}
	clang_disposeIndex(idx);
	return NULL;
}

static void run_workers(struct scan_job *job, int jobs)
{
	pthread_t *th = xcalloc(jobs, sizeof(*th));
	int started = 0;

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

/* The API dialect of the tree, from its own headers (GUP.md's table); has_extract from uio.h. */
static enum dialect tree_dialect(const struct kernel_tree *t, int *has_extract)
{
	char *mm = xasprintf("%s/include/linux/mm.h", t->root);
	char *uio = xasprintf("%s/include/linux/uio.h", t->root);
	size_t len;
	char *buf = read_file(mm, &len);
	enum dialect d = DIALECT_OLD;

	if (buf && strstr(buf, "pin_user_pages"))
		d = DIALECT_PIN;
	else if (buf && strstr(buf, "put_user_page"))
		d = DIALECT_PUT_USER;
	free(buf);
	buf = read_file(uio, &len);
	*has_extract = buf && strstr(buf, "iov_iter_extract_pages");
	free(buf);
	free(mm);
	free(uio);
	return d;
}

/* Follow the pages, decide, check, and store it all in db's open transaction. */
static int add_plan(const struct kernel_tree *t, struct scan_job *job, struct facts_db *db,
		    struct db_ids *ids)
{
	struct plan plan = { .facts = job->facts, .nfiles = job->n };
	int rc;

	plan.dialect = tree_dialect(t, &plan.has_extract);
	plan.version = t->version;
	plan.patchlevel = t->patchlevel;
	flow_analyse(&plan);
	plan_decide(&plan);
	checks_run(&plan);
	rc = db_set_meta(db, "dialect", dialect_name(plan.dialect)) ||
	     db_set_meta(db, "has_extract", plan.has_extract ? "yes" : "no") ||
	     db_add_plan(db, &plan, ids);
	plan_release(&plan);
	return rc ? -1 : 0;
}

static int load(const struct kernel_tree *t, struct scan_job *job, const char *out)
{
	struct facts_db *db = db_create(out);
	struct db_ids *ids;
	char buf[64];
	int rc = -1;

	if (!db)
		return -1;
	snprintf(buf, sizeof(buf), "%d.%d.%d", t->version, t->patchlevel, t->sublevel);
	if (db_set_meta(db, "tree", t->root) || db_set_meta(db, "version", buf) ||
	    db_set_meta(db, "arch", t->arch) ||
	    db_set_meta(db, "configured", t->configured && !t->missing.n ? "yes" : "degraded"))
		goto fail;
	qsort(job->facts, job->n, sizeof(*job->facts), by_path);
	ids = xcalloc(job->n + 1, sizeof(*ids));
	for (size_t i = 0; i < job->n; i++)
		if (db_add_file(db, &job->facts[i], &ids[i]))
			goto free_ids;
	if (add_plan(t, job, db, ids))
		goto free_ids;
	rc = 0;
free_ids:
	for (size_t i = 0; i < job->n; i++) {
		free(ids[i].calls);
		free(ids[i].fns);
	}
	free(ids);
	if (rc) {
		db_abort(db);
		return -1;
	}
	return db_commit(db);
fail:
	db_abort(db);
	return -1;
}

static int print_summary(const char *out, size_t seen)
{
	struct facts_db *db = db_open(out);
	struct scan_summary s;

	if (!db || db_summary(db, &s)) {
		db_close(db);
		return -1;
	}
	printf("gupcheck: scan: %zu files read, %ld candidates, %ld parsed (%ld with errors),"
	       " %ld failed, %ld of another ARCH, %ld acquire sites (%ld not compiled),"
	       " %ld release sites, %ld field stores -> %s\n", seen, s.files, s.ok + s.errors,
	       s.errors, s.failed, s.other_arch, s.acquires, s.acquires_not_compiled, s.releases,
	       s.stores, out);
	db_close(db);
	return 0;
}

int scan_run(const char *tree_path, const char *out, int jobs, int quiet)
{
	struct kernel_tree tree;
	struct scan_job job = { 0 };
	size_t alloc = 0, seen = 0;
	int rc = EXIT_USAGE;

	if (tree_open(&tree, tree_path))
		return EXIT_USAGE;
	if (!tree.configured || tree.missing.n)
		say_degraded(&tree, tree_path);

	walk(tree.root, "", &job.files, &job.n, &alloc, &seen);
	qsort(job.files, job.n, sizeof(*job.files), by_size_desc);
	job.tree = &tree;
	job.facts = xcalloc(job.n, sizeof(*job.facts));
	job.progress = isatty(2) && !quiet;
	pthread_mutex_init(&job.lock, NULL);
	run_workers(&job, jobs);

	if (!load(&tree, &job, out) && (quiet || !print_summary(out, seen)))
		rc = EXIT_CLEAN;
	for (size_t i = 0; i < job.n; i++) {
		file_facts_release(&job.facts[i]);
		free(job.files[i].rel);
	}
	free(job.facts);
	free(job.files);
	pthread_mutex_destroy(&job.lock);
	tree_release(&tree);
	return rc;
}

int cmd_scan(int argc, char **argv)
{
	const char *tree_path = NULL, *out = "gupcheck.db";
	int jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "-j") && i + 1 < argc)
			jobs = atoi(argv[++i]);
		else if (!strncmp(argv[i], "-j", 2) && argv[i][2])
			jobs = atoi(argv[i] + 2);
		else if (argv[i][0] != '-' && !tree_path)
			tree_path = argv[i];
		else
			die("usage: gupcheck scan TREE [-o FILE.db] [-j N]");
	}
	if (!tree_path)
		die("usage: gupcheck scan TREE [-o FILE.db] [-j N]");
	if (jobs < 1)
		die("-j: needs a positive number of jobs");
	return scan_run(tree_path, out, jobs, 0);
}
