/*
 * The facts cache of gupcheck scan: the previous database's cached facts, which of them are
 * still valid (content, key, every header read), and the cache rows of the new database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "scan_int.h"

/* An open-addressing table from a header's path to its content hash and inlines now. */
struct header_memo {
	struct memo_slot {
		char *path;
		char hash[17];
		off_t size;
		char *inlines;	/* page_array_inlines() of its text */
	} *slots;
	size_t n, size;		/* size: a power of two, at least twice n */
};

static uint64_t str_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct memo_slot *memo_slot(struct header_memo *m, const char *path)
{
	size_t i = str_hash(path) & (m->size - 1);

	while (m->slots[i].path && strcmp(m->slots[i].path, path))
		i = (i + 1) & (m->size - 1);
	return &m->slots[i];
}

static void memo_grow(struct header_memo *m)
{
	struct memo_slot *old = m->slots;
	size_t oldsize = m->size;

	m->size = m->size ? m->size * 2 : 1024;
	m->slots = xcalloc(m->size, sizeof(*m->slots));
	for (size_t i = 0; i < oldsize; i++)
		if (old[i].path)
			*memo_slot(m, old[i].path) = old[i];
	free(old);
}

static struct header_memo *memo_new(void)
{
	struct header_memo *m = xcalloc(1, sizeof(*m));

	memo_grow(m);
	return m;
}

static void memo_free(struct header_memo *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->size; i++) {
		free(m->slots[i].path);
		free(m->slots[i].inlines);
	}
	free(m->slots);
	free(m);
}

/* The memo's slot of header path (relative to t's root, or absolute), read on first use. */
static const struct memo_slot *header_read(struct header_memo *m, const struct kernel_tree *t,
					   const char *path)
{
	struct memo_slot *s = memo_slot(m, path);
	char *abs, *buf;
	size_t len;

	if (s->path)
		return s;
	if (2 * (m->n + 1) > m->size) {
		memo_grow(m);
		s = memo_slot(m, path);
	}
	abs = path[0] == '/' ? xstrdup(path) : xasprintf("%s/%s", t->root, path);
	buf = read_file(abs, &len);
	if (buf) {
		hash_hex(buf, len, s->hash);
		s->size = (off_t)len;
		s->inlines = page_array_inlines(buf, len);
	} else {
		snprintf(s->hash, sizeof(s->hash), "missing");
		s->inlines = xstrdup("");
	}
	s->path = xstrdup(path);
	m->n++;
	free(buf);
	free(abs);
	return s;
}

/* The content hash of header path now: "missing" if unread. */
static const char *header_now(struct header_memo *m, const struct kernel_tree *t,
			      const char *path)
{
	return header_read(m, t, path)->hash;
}

const char *header_inlines(struct fact_cache *fc, const struct kernel_tree *t, const char *path,
			   char hash[17], off_t *size)
{
	const struct memo_slot *s = header_read(fc->memo, t, path);

	memcpy(hash, s->hash, sizeof(s->hash));
	*size = s->size;
	return s->inlines;
}

void fact_cache_init(struct fact_cache *fc)
{
	struct timespec now;

	memset(fc, 0, sizeof(*fc));
	fc->memo = memo_new();
	clock_gettime(CLOCK_REALTIME, &now);
	fc->walk_start_ns = (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}

/* Is db a scan of t (same root and version)?  NULL when it is, else why not (malloc'ed). */
static char *other_tree(struct facts_db *db, const struct kernel_tree *t, const char *path)
{
	char *root = db_get_meta(db, "tree"), *version = db_get_meta(db, "version");
	char *want = xasprintf("%d.%d.%d", t->version, t->patchlevel, t->sublevel), *why = NULL;

	if (!root || strcmp(root, t->root))
		why = xasprintf("%s: a scan of another tree (%s)", path, root ? root : "none");
	else if (!version || strcmp(version, want))
		why = xasprintf("%s: a scan of version %s of this tree, which is now %s", path,
				version ? version : "none", want);
	free(root);
	free(version);
	free(want);
	return why;
}

void fact_cache_open(struct fact_cache *fc, const struct kernel_tree *t, const char *out)
{
	struct facts_db *db;
	char *why = NULL;

	fact_cache_init(fc);
	if (!file_exists(out))
		return;
	db = db_open_why(out, &why);
	if (db && !(why = other_tree(db, t, out)) &&
	    (db_load_cache(db, &fc->rows) || db_load_walk(db, &fc->walked)))
		why = xasprintf("%s: its facts cache cannot be read", out);
	if (db && !why)
		fc->wrappers_prev = db_get_meta(db, "wrappers");
	db_close(db);
	if (why) {
		warning("%s; its facts cache is not used: every file is parsed", why);
		cache_rows_release(&fc->rows);
		walk_rows_release(&fc->walked);
		free(why);
		return;
	}
	fc->used = 1;
}

void fact_cache_release(struct fact_cache *fc)
{
	cache_rows_release(&fc->rows);
	walk_rows_release(&fc->walked);
	walk_rows_release(&fc->walk);
	for (size_t i = 0; i < fc->nsources; i++)
		free(fc->sources[i].rel);
	free(fc->sources);
	free(fc->wrappers_prev);
	free(fc->wrappers);
	memo_free(fc->memo);
	memset(fc, 0, sizeof(*fc));
}

static int cmp_file_path(const void *key, const void *elem)
{
	return strcmp(key, ((const struct cache_file_row *)elem)->facts.path);
}

struct cache_file_row *fact_cache_row(const struct fact_cache *fc, const char *rel)
{
	struct cache_file_row *row = bsearch(rel, fc->rows.files, fc->rows.nfiles,
					     sizeof(*fc->rows.files), cmp_file_path);
	const struct cache_file_row *end = fc->rows.files + fc->rows.nfiles;
	const char *config = fc->config ? fc->config : "";

	if (!row)
		return NULL;
	while (row > fc->rows.files && !strcmp(row[-1].facts.path, rel))
		row--;
	for (; row < end && !strcmp(row->facts.path, rel); row++)
		if (!strcmp(row->config ? row->config : "", config))
			return row;
	return NULL;
}

static int cmp_header_row(const void *key, const void *elem)
{
	return strcmp(key, ((const struct cache_header_row *)elem)->path);
}

/* Does every header row's parse read still have the hash it had then? */
static int headers_unchanged(struct fact_cache *fc, const struct kernel_tree *t,
			     const struct strvec *includes)
{
	for (size_t i = 0; i < includes->n; i++) {
		const struct cache_header_row *h = bsearch(includes->v[i], fc->rows.headers,
							   fc->rows.nheaders,
							   sizeof(*fc->rows.headers), cmp_header_row);

		if (!h || strcmp(h->hash, header_now(fc->memo, t, includes->v[i])))
			return 0;
	}
	return 1;
}

int fact_cache_take(struct fact_cache *fc, const struct kernel_tree *t, const char *rel,
		    const char *hash, const char *key, struct file_facts *ff)
{
	struct cache_file_row *row;

	if (!key || !hash)
		return 0;
	row = fact_cache_row(fc, rel);
	if (!row || !row->key || strcmp(row->key, key) || strcmp(row->facts.hash, hash) ||
	    !headers_unchanged(fc, t, &row->facts.includes))
		return 0;
	*ff = row->facts;
	ff->key = row->key;
	ff->config = t->config;
	memset(&row->facts, 0, sizeof(row->facts));
	row->facts.path = xstrdup(rel);	/* stays sorted and searchable */
	row->key = NULL;
	fc->reused++;
	return 1;
}

static long long ns(struct timespec ts)
{
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int cmp_walk_row(const void *key, const void *elem)
{
	return strcmp(key, ((const struct walk_row *)elem)->path);
}

int fact_cache_walked(struct fact_cache *fc, const char *rel, const struct stat *st,
		      int *candidate, char hash[17])
{
	const struct walk_row *r = bsearch(rel, fc->walked.v, fc->walked.n, sizeof(*fc->walked.v),
					   cmp_walk_row);
	const char *tool = facts_tool();

	if (!r || !tool || strcmp(r->tool, tool) || r->size != (long long)st->st_size ||
	    r->mtime_ns != ns(st->st_mtim) || r->ctime_ns != ns(st->st_ctim) ||
	    r->inode != (long long)st->st_ino || (r->candidate && !r->hash[0]))
		return 0;
	*candidate = r->candidate;
	memcpy(hash, r->hash, sizeof(r->hash));
	return 1;
}

void fact_cache_note_walk(struct fact_cache *fc, const char *rel, const struct stat *st,
			  int candidate, const char *hash)
{
	const long long racy = 2000000000LL;
	const char *tool = facts_tool();
	struct walk_row *r;

	if (!tool || ns(st->st_mtim) > fc->walk_start_ns - racy)
		return;
	ALLOC_GROW(fc->walk.v, fc->walk.n + 1, fc->walk.alloc);
	r = &fc->walk.v[fc->walk.n++];
	memset(r, 0, sizeof(*r));
	r->path = xstrdup(rel);
	r->size = st->st_size;
	r->mtime_ns = ns(st->st_mtim);
	r->ctime_ns = ns(st->st_ctim);
	r->inode = st->st_ino;
	r->candidate = candidate;
	memcpy(r->tool, tool, sizeof(r->tool));
	if (candidate && hash)
		memcpy(r->hash, hash, sizeof(r->hash));
}

static int by_walk_path(const void *a, const void *b)
{
	return strcmp(((const struct walk_row *)a)->path, ((const struct walk_row *)b)->path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int fact_cache_store(struct facts_db *db, const struct kernel_tree *t, struct fact_cache *fc,
		     const struct file_facts *facts, size_t n)
{
	struct header_memo *memo = fc->memo;
	struct strvec all = { 0 };
	long *ids = NULL;
	size_t nall = 0, alloc = 0;
	int rc = 0;

	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; facts[i].key && k < facts[i].includes.n; k++)
			strvec_push(&all, facts[i].includes.v[k]);
	/* the distinct headers, in path order; a header's id is its place there, from 1 */
	strvec_sort_unique(&all);
	nall = all.n;
	for (size_t i = 0; !rc && i < nall; i++)
		rc = db_add_cache_header(db, (long)i + 1, all.v[i], header_now(memo, t, all.v[i]));
	for (size_t i = 0; !rc && i < n; i++) {
		const struct file_facts *ff = &facts[i];

		if (!ff->key)
			continue;
		ALLOC_GROW(ids, ff->includes.n + 1, alloc);
		for (size_t k = 0; k < ff->includes.n; k++) {
			char **at = bsearch(&ff->includes.v[k], all.v, nall, sizeof(*all.v),
					    cmp_str);

			ids[k] = at - all.v + 1;
		}
		rc = db_add_cache(db, ff, ff->key, ids, ff->includes.n);
	}
	free(ids);
	strvec_clear(&all);
	if (!rc && fc->wrappers)
		rc = db_set_meta(db, "wrappers", fc->wrappers);
	if (fc->walk.n)
		qsort(fc->walk.v, fc->walk.n, sizeof(*fc->walk.v), by_walk_path);
	for (size_t i = 0; !rc && i < fc->walk.n; i++)
		if (!i || strcmp(fc->walk.v[i].path, fc->walk.v[i - 1].path))
			rc = db_add_walk(db, &fc->walk.v[i]);
	return rc;
}
