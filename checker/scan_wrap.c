/* The scan's ring 3: the files that call a wrapper acquire API (flow_find_wrappers()). */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include "flow.h"
#include "scan_int.h"
#include "util.h"

/*
 * At most this many files are added: a wrapper that half the tree calls is an API in its
 * own right, and reading all its callers would be a second scan.  The rest are said.
 */
#define WRAP_MAX_FILES 256
/* Rounds of wrappers of wrappers: each reads the callers of the wrappers the last one found. */
#define WRAP_ROUNDS 3

/* What the search for wrapper callers knows. */
struct wrap_search {
	const struct kernel_tree *t;
	struct fact_cache *fc;
	struct strvec names;	/* the wrappers, sorted */
	struct strvec have;	/* the paths already in the scan, sorted */
	int reuse;		/* the wrappers are among the previous scan's: unchanged files keep */
	struct candidate *files;
	size_t n, alloc, over;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}


/* Is every wrapper one the previous scan searched for (its meta "wrappers", one a line)? */
static int among_previous(const struct strvec *names, const char *prev)
{
	if (!prev)
		return 0;
	for (size_t i = 0; i < names->n; i++) {
		size_t len = strlen(names->v[i]);
		const char *p;

		for (p = prev; (p = strstr(p, names->v[i])); p += len)
			if ((p == prev || p[-1] == '\n') && p[len] == '\n')
				break;
		if (!p)
			return 0;
	}
	return 1;
}

static int ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Does buf call one of the wrappers: the whole name, then '(' after blanks? */
static int calls_wrapper(const struct strvec *names, const char *buf, size_t len)
{
	for (size_t i = 0; i < names->n; i++) {
		size_t nl = strlen(names->v[i]);

		for (const char *p = buf; (p = memmem(p, len - (p - buf), names->v[i], nl)); p += nl) {
			const char *q = p + nl;

			if ((p > buf && ident(p[-1])) || (q < buf + len && ident(*q)))
				continue;
			while (q < buf + len && (*q == ' ' || *q == '\t'))
				q++;
			if (q < buf + len && *q == '(')
				return 1;
		}
	}
	return 0;
}

/* Add rel (takes it), of content hash hash and size bytes, to the files to parse. */
static void wrap_keep(struct wrap_search *s, char *rel, const char *hash, off_t size)
{
	if (s->n >= WRAP_MAX_FILES) {
		s->over++;
		free(rel);
		return;
	}
	ALLOC_GROW(s->files, s->n + 1, s->alloc);
	memset(&s->files[s->n], 0, sizeof(*s->files));
	memcpy(s->files[s->n].hash, hash, sizeof(s->files[s->n].hash));
	s->files[s->n].rel = rel;
	s->files[s->n++].size = size;
}

/*
 * The .c file rel, of stat st (the walk's): an unchanged file keeps the previous scan's
 * answer when s->reuse says it may (it was ring 3 then, or not), others are read.
 */
static void wrap_file(struct wrap_search *s, const char *rel, const struct stat *st)
{
	char hash[17] = "", *abs, *buf;
	size_t len;
	int cand;

	if (bsearch(&rel, s->have.v, s->have.n, sizeof(*s->have.v), cmp_str))
		return;
	if (s->reuse && fact_cache_walked(s->fc, rel, st, &cand, hash)) {
		const struct cache_file_row *row = fact_cache_row(s->fc, rel);

		if (row && row->ring == 3)
			wrap_keep(s, xstrdup(rel), row->facts.hash, st->st_size);
		return;
	}
	abs = xasprintf("%s/%s", s->t->root, rel);
	buf = read_file(abs, &len);
	if (buf && calls_wrapper(&s->names, buf, len)) {
		hash_hex(buf, len, hash);
		wrap_keep(s, xstrdup(rel), hash, (off_t)len);
	}
	free(buf);
	free(abs);
}

/* The wrappers as the meta value: one a line. */
static char *names_text(const struct strvec *names)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < names->n; i++)
		strbuf_addf(&sb, "%s\n", names->v[i]);
	return strbuf_detach(&sb);
}

/*
 * Search the tree for the callers of s->names, parse them and add them to job as ring 3; the
 * number of files added.
 */
static size_t wrap_search(struct wrap_search *s, struct scan_job *job, struct fact_cache *fc,
			  int jobs)
{
	struct scan_job more = { 0 };

	strvec_clear(&s->have);
	for (size_t i = 0; i < job->n; i++)
		strvec_push(&s->have, job->files[i].rel);
	qsort(s->have.v, s->have.n, sizeof(*s->have.v), cmp_str);
	s->files = NULL;
	s->n = s->alloc = 0;
	for (size_t i = 0; i < fc->nsources; i++)	/* the walk's .c files, as it met them */
		wrap_file(s, fc->sources[i].rel, &fc->sources[i].st);
	if (!s->n)
		return 0;
	more.tree = s->t;
	more.files = s->files;
	more.n = s->n;
	more.facts = xcalloc(more.n, sizeof(*more.facts));
	pthread_mutex_init(&more.lock, NULL);
	run_workers(&more, fc, jobs);
	pthread_mutex_destroy(&more.lock);
	job->files = xrealloc(job->files, (job->n + more.n) * sizeof(*job->files));
	job->facts = xrealloc(job->facts, (job->n + more.n) * sizeof(*job->facts));
	for (size_t i = 0; i < more.n; i++) {
		more.facts[i].ring = 3;
		job->files[job->n] = more.files[i];
		job->facts[job->n++] = more.facts[i];
	}
	free(more.facts);
	free(more.files);
	return more.n;
}

/*
 * Fill fc->sources as the scan's walk would (no links followed; tools/, Documentation/, usr/
 * and dot names skipped) below the folder rel ("" the root): for a scan that had no walk,
 * gupcheck cc's one file.
 */
static void sources_walk(struct fact_cache *fc, const char *root, const char *rel)
{
	char *path = rel[0] ? xasprintf("%s/%s", root, rel) : xstrdup(root);
	DIR *d = opendir(path);
	struct dirent *e;

	free(path);
	while (d && (e = readdir(d))) {
		size_t len = strlen(e->d_name);
		struct stat st;
		char *sub;

		if (e->d_name[0] == '.' || (!rel[0] && (!strcmp(e->d_name, "tools") ||
		    !strcmp(e->d_name, "Documentation") || !strcmp(e->d_name, "usr"))))
			continue;
		sub = rel[0] ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
		if (e->d_type == DT_DIR) {
			sources_walk(fc, root, sub);
		} else if (e->d_type == DT_REG && len > 2 && !strcmp(e->d_name + len - 2, ".c") &&
			   !fstatat(dirfd(d), e->d_name, &st, 0)) {
			ALLOC_GROW(fc->sources, fc->nsources + 1, fc->sources_alloc);
			fc->sources[fc->nsources].rel = sub;
			fc->sources[fc->nsources++].st = st;
			continue;
		}
		free(sub);
	}
	if (d)
		closedir(d);
}

/* Move to fresh the names of all that are not in old (sorted); their number. */
static size_t new_names(const struct strvec *all, const struct strvec *old, struct strvec *fresh)
{
	for (size_t i = 0; i < all->n; i++)
		if (!bsearch(&all->v[i], old->v, old->n, sizeof(*old->v), cmp_str))
			strvec_push(fresh, all->v[i]);
	return fresh->n;
}

void scan_wrap(const struct kernel_tree *t, struct scan_job *job, struct fact_cache *fc, int jobs)
{
	struct wrap_search s = { .t = t, .fc = fc };
	struct strvec all = { 0 };

	flow_find_wrappers(job->facts, job->n, &s.names);
	for (size_t i = 0; i < s.names.n; i++)
		strvec_push(&all, s.names.v[i]);
	if (s.names.n && !fc->nsources)
		sources_walk(fc, t->root, "");
	/*
	 * A caller read may itself be a wrapper (a wrapper of a wrapper): its callers are
	 * searched in the next round, for the new names only.
	 */
	for (int round = 0; s.names.n && round < WRAP_ROUNDS; round++) {
		struct strvec found = { 0 };

		s.reuse = among_previous(&s.names, fc->wrappers_prev);
		if (!wrap_search(&s, job, fc, jobs))
			break;
		flow_find_wrappers(job->facts, job->n, &found);
		strvec_clear(&s.names);
		new_names(&found, &all, &s.names);
		for (size_t i = 0; i < s.names.n; i++)
			strvec_push(&all, s.names.v[i]);
		qsort(all.v, all.n, sizeof(*all.v), cmp_str);
		strvec_clear(&found);
	}
	if (s.over)
		warning("%zu more files call a wrapper acquire API: not read (at most %d)", s.over,
			WRAP_MAX_FILES);
	free(fc->wrappers);
	fc->wrappers = names_text(&all);
	strvec_clear(&all);
	strvec_clear(&s.names);
	strvec_clear(&s.have);
}
