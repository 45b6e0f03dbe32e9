/* gupcheck scan TREE --build DIR...: one source tree in several configurations, one census. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "census.h"
#include "commands.h"
#include "db.h"
#include "scan_int.h"
#include "tree.h"

/* One configuration: its tree (the O= folder), its files and facts, what the cache gave. */
struct scan_config {
	struct kernel_tree tree;
	struct scan_job job;
	size_t reused;
	size_t parsed, errors, other;	/* its files parsed (errors among them), of another ARCH */
	char *wrappers_prev, *wrappers;
};

/* Open every build folder; two with one name, or one that is not a build, is an error. */
static int open_configs(struct scan_config *cfg, size_t n, const char *tree_path,
			const struct strvec *builds)
{
	for (size_t i = 0; i < n; i++) {
		if (tree_open_build(&cfg[i].tree, tree_path, builds->v[i]))
			return -1;
		for (size_t k = 0; k < i; k++)
			if (!strcmp(cfg[k].tree.config, cfg[i].tree.config))
				return error("%s: a second build folder named %s (%s): each"
					     " configuration is named by its folder", builds->v[i],
					     cfg[i].tree.config, builds->v[k]);
		if (!cfg[i].tree.configured || cfg[i].tree.missing.n)
			warning("%s: build folder is not fully configured (missing %s, ...): configure"
				" it with 'make -C %s O=%s prepare'", builds->v[i],
				cfg[i].tree.missing.n ? cfg[i].tree.missing.v[0] : "autoconf.h",
				tree_path, builds->v[i]);
		if (cfg[i].tree.target_guessed)
			warning("%s: ARCH=%s is not in gupcheck's table (kernel.def ARCH rows): parsed"
				" with the target %s", builds->v[i], cfg[i].tree.arch,
				cfg[i].tree.target);
	}
	return 0;
}

/* The previous census's wrapper names of each configuration (meta "wrappers:NAME"). */
static void previous_wrappers(struct scan_config *cfg, size_t n, const char *target,
			      const struct fact_cache *fc)
{
	struct facts_db *db;

	if (!fc->used || !(db = db_open(target)))
		return;
	for (size_t i = 0; i < n; i++) {
		char *key = xasprintf("wrappers:%s", cfg[i].tree.config);

		cfg[i].wrappers_prev = db_get_meta(db, key);
		free(key);
	}
	db_close(db);
}

/* Parse the walk's files in configuration c: cached, parsed, ring 2, ring 3. */
static void scan_one(struct scan_config *c, const struct scan_job *walked, struct fact_cache *fc,
		     int jobs, int progress)
{
	struct scan_job *job = &c->job;
	size_t before = fc->reused;

	job->tree = &c->tree;
	job->n = walked->n;
	job->files = xcalloc(job->n + 1, sizeof(*job->files));
	for (size_t i = 0; i < job->n; i++) {
		job->files[i] = walked->files[i];
		job->files[i].rel = xstrdup(walked->files[i].rel);
		job->files[i].includer = walked->files[i].includer ?
					 xstrdup(walked->files[i].includer) : NULL;
		memset(&job->files[i].args, 0, sizeof(job->files[i].args));
	}
	job->facts = xcalloc(job->n + 1, sizeof(*job->facts));
	job->progress = progress;
	pthread_mutex_init(&job->lock, NULL);
	fc->config = c->tree.config;
	fc->wrappers_prev = c->wrappers_prev;
	run_workers(job, fc, jobs);
	scan_ring2(&c->tree, job, fc, jobs);
	scan_wrap(&c->tree, job, fc, jobs);
	fc->wrappers_prev = NULL;
	c->wrappers = fc->wrappers;
	fc->wrappers = NULL;
	c->reused = fc->reused - before;
	pthread_mutex_destroy(&job->lock);
	qsort(job->facts, job->n, sizeof(*job->facts), by_path);
	for (size_t k = 0; k < job->n; k++) {
		enum parse_status st = job->facts[k].status;

		c->parsed += st == PARSE_OK || st == PARSE_ERRORS;
		c->errors += st == PARSE_ERRORS;
		c->other += st == PARSE_OTHER_ARCH;
	}
}

/*
 * A copy of facts[0..n), through the cache's blob (what a warm scan reads), for a plan that
 * may change the facts it is given; *bad counts the files whose facts have no blob.
 */
static struct file_facts *copy_facts(const struct file_facts *facts, size_t n, size_t *m,
				     size_t *bad)
{
	struct file_facts *copy = xcalloc(n + 1, sizeof(*copy));
	struct strbuf sb = { 0 };

	*m = 0;
	for (size_t i = 0; i < n; i++) {
		strbuf_release(&sb);
		if (facts_encode(&facts[i], &sb) || facts_decode(sb.buf, sb.len, &copy[*m])) {
			(*bad)++;
			continue;
		}
		copy[*m].ring = facts[i].ring;
		copy[*m].config = facts[i].config;
		(*m)++;
	}
	strbuf_release(&sb);
	return copy;
}

/* Each configuration's own plan, on a copy of its facts, into the census. */
static void record_configs(struct scan_config *cfg, size_t n, const struct check_set *checks,
			   struct census *census)
{
	size_t bad = 0;

	for (size_t i = 0; i < n; i++) {
		size_t m;
		struct file_facts *copy = copy_facts(cfg[i].job.facts, cfg[i].job.n, &m, &bad);
		struct plan plan;

		scan_plan(&cfg[i].tree, copy, m, checks, NULL, &plan);
		census_record(census, i, &plan);
		scan_plan_release(&plan);
		for (size_t k = 0; k < m; k++)
			file_facts_release(&copy[k]);
		free(copy);
	}
	if (bad)
		warning("%zu files' facts could not be copied for their configuration's plan: its"
			" verdicts there are missing", bad);
	census_sort(census);
}

/* Store the census: cache rows of every configuration, each one's word, the merged plan. */
static int store_configs(struct scan_config *cfg, size_t n, const char *target,
			 const struct check_set *checks, struct fact_cache *fc)
{
	const struct kernel_tree *t0 = &cfg[0].tree;
	struct census census = { 0 };
	struct file_facts **facts = xcalloc(n, sizeof(*facts)), *all, *merged = NULL;
	size_t *nfacts = xcalloc(n, sizeof(*nfacts)), total = 0, nm = 0;
	struct strbuf names = { 0 };
	struct db_ids *ids = NULL;
	struct facts_db *db = db_create(target);
	char buf[64];
	int rc = -1, configured = 1;

	census.nconfigs = n;
	census.names = xcalloc(n, sizeof(*census.names));
	for (size_t i = 0; i < n; i++) {
		census.names[i] = xstrdup(cfg[i].tree.config);
		facts[i] = cfg[i].job.facts;
		nfacts[i] = cfg[i].job.n;
		total += nfacts[i];
		strbuf_addf(&names, "%s%s", i ? "," : "", cfg[i].tree.arch);
		configured &= cfg[i].tree.configured && !cfg[i].tree.missing.n;
	}
	if (!db)
		goto out;
	snprintf(buf, sizeof(buf), "%d.%d.%d", t0->version, t0->patchlevel, t0->sublevel);
	if (db_set_meta(db, "tree", t0->root) || db_set_meta(db, "version", buf) ||
	    db_set_meta(db, "arch", names.buf) ||
	    db_set_meta(db, "configured", configured ? "yes" : "degraded"))
		goto out;
	/* the cache first, of every configuration, as parsed */
	all = xcalloc(total + 1, sizeof(*all));
	total = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < nfacts[i]; k++)
			all[total++] = facts[i][k];
	rc = fact_cache_store(db, t0, fc, all, total);
	free(all);
	for (size_t i = 0; !rc && i < n; i++) {
		char *key = xasprintf("wrappers:%s", cfg[i].tree.config);

		rc = (cfg[i].wrappers && db_set_meta(db, key, cfg[i].wrappers)) ||
		     db_add_config(db, cfg[i].tree.config, cfg[i].tree.arch, cfg[i].tree.target,
				   cfg[i].tree.objtree, (long)cfg[i].job.n);
		free(key);
	}
	if (rc)
		goto out;
	rc = -1;
	record_configs(cfg, n, checks, &census);
	const struct kernel_tree **trees = xcalloc(n, sizeof(*trees));

	for (size_t i = 0; i < n; i++)
		trees[i] = &cfg[i].tree;
	merged = census_merge(facts, nfacts, &census, trees, &nm);
	free(trees);
	ids = xcalloc(nm + 1, sizeof(*ids));
	for (size_t i = 0; i < nm; i++)
		if (db_add_file(db, &merged[i], &ids[i]))
			goto out;
	if (scan_add_plan(t0, merged, nm, db, ids, checks, &census))
		goto out;
	for (size_t i = 0; i < census.nsites; i++) {
		const struct census_site *s = &census.sites[i];

		if (db_add_site_config(db, s->path, s->line, s->col, census.names[s->config],
				       verdict_name(s->verdict), s->checks))
			goto out;
	}
	rc = 0;
out:
	for (size_t i = 0; ids && i < nm; i++) {
		free(ids[i].calls);
		free(ids[i].fns);
		free(ids[i].flows);
	}
	free(ids);
	for (size_t i = 0; i < nm; i++)
		file_facts_release(&merged[i]);
	free(merged);
	census_release(&census);
	strbuf_release(&names);
	free(facts);
	free(nfacts);
	if (!db)
		return -1;
	if (rc) {
		db_abort(db);
		return -1;
	}
	return db_commit(db);
}

/* One line a configuration: its ARCH, target, files, and what the cache gave. */
static void print_configs(const struct scan_config *cfg, size_t n, int cached)
{
	for (size_t i = 0; i < n; i++) {
		const struct kernel_tree *t = &cfg[i].tree;

		printf("gupcheck: scan: configuration %s: ARCH=%s, %s, %zu files read, %zu parsed"
		       " (%zu with errors), %zu of another ARCH", t->config, t->arch,
		       t->target ? t->target : "no clang target", cfg[i].job.n, cfg[i].parsed,
		       cfg[i].errors, cfg[i].other);
		if (cached)
			printf(", %zu parsed now, %zu from the cache", cfg[i].job.n - cfg[i].reused,
			       cfg[i].reused);
		printf("\n");
	}
}

int scan_configs(const char *tree_path, const struct strvec *builds, const char *out,
		 const char *target, int jobs, unsigned flags, const struct check_set *checks)
{
	size_t n = builds->n, seen = 0;
	struct scan_config *cfg = xcalloc(n, sizeof(*cfg));
	struct scan_job walked = { 0 };
	struct fact_cache fc = { 0 };
	int rc = EXIT_USAGE, cache_open = 0;

	if (open_configs(cfg, n, tree_path, builds))
		goto free_cfg;
	if (flags & SCAN_NO_CACHE)
		fact_cache_init(&fc);
	else
		fact_cache_open(&fc, &cfg[0].tree, target);
	cache_open = 1;
	free(fc.wrappers_prev);	/* a scan in place's: each configuration has its own */
	fc.wrappers_prev = NULL;
	previous_wrappers(cfg, n, target, &fc);
	if (scan_walk_tree(&cfg[0].tree, tree_path, &walked, &fc, &seen))
		goto free_cfg;
	qsort(walked.files, walked.n, sizeof(*walked.files), by_size_desc);
	for (size_t i = 0; i < n; i++)
		scan_one(&cfg[i], &walked, &fc, jobs, isatty(2) && !(flags & SCAN_QUIET));
	/* -v before the store: the census takes the chosen files' facts out of their slots */
	for (size_t i = 0; (flags & SCAN_VERBOSE) && i < n; i++) {
		fprintf(stderr, "gupcheck: scan: configuration %s:\n", cfg[i].tree.config);
		scan_name_failures(cfg[i].job.facts, cfg[i].job.n);
	}
	if (!store_configs(cfg, n, target, checks, &fc)) {
		rc = EXIT_CLEAN;
		if (!(flags & SCAN_QUIET)) {
			print_configs(cfg, n, fc.used);
			fc.reused = 0;	/* the census line: its files are the merged ones */
			fc.used = 0;
			if (scan_print_summary(out, seen, &fc))
				rc = EXIT_USAGE;
		}
	}
free_cfg:
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < cfg[i].job.n; k++) {
			file_facts_release(&cfg[i].job.facts[k]);
			free(cfg[i].job.files[k].rel);
			free(cfg[i].job.files[k].includer);
		}
		free(cfg[i].job.facts);
		free(cfg[i].job.files);
		free(cfg[i].wrappers_prev);
		free(cfg[i].wrappers);
		if (cfg[i].tree.root)
			tree_release(&cfg[i].tree);
	}
	free(cfg);
	for (size_t i = 0; i < walked.n; i++) {
		free(walked.files[i].rel);
		free(walked.files[i].includer);
	}
	free(walked.files);
	if (cache_open)
		fact_cache_release(&fc);
	return rc;
}
