/* The facts cache's storage: each file's facts blob, its key and the headers its parse read. */
#include <stdlib.h>
#include <string.h>
#include "db_int.h"

int db_add_cache_header(struct facts_db *db, long id, const char *path, const char *hash)
{
	sqlite3_stmt *st;

	if (!db->ins_header && db_prepare(db, &db->ins_header,
					  "INSERT INTO cache_headers(id, path, hash) VALUES (?, ?, ?)"))
		return -1;
	st = db->ins_header;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
	return db_step(db, st, "insert cache header");
}

/* The header ids as the includes column holds them: a JSON array, "[3,17,204]". */
static void includes_text(struct strbuf *sb, const long *ids, size_t n)
{
	strbuf_add(sb, "[", 1);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(sb, "%s%ld", i ? "," : "", ids[i]);
	strbuf_add(sb, "]", 1);
}

int db_add_cache(struct facts_db *db, const struct file_facts *ff, const char *key,
		 const long *header_ids, size_t nheaders)
{
	struct strbuf blob = { 0 }, includes = { 0 };
	sqlite3_stmt *st;
	int rc = 0;

	if (facts_encode(ff, &blob))
		goto out;
	if (!db->ins_cache && db_prepare(db, &db->ins_cache, "INSERT INTO cache_files(path,"
					 " hash, key, facts, includes, config, ring) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
		rc = -1;
		goto out;
	}
	includes_text(&includes, header_ids, nheaders);
	st = db->ins_cache;
	sqlite3_bind_text(st, 1, ff->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, ff->hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, blob.buf, (int)blob.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, includes.buf, (int)includes.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, ff->config ? ff->config : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, ff->ring);
	rc = db_step(db, st, "insert cache file");
out:
	strbuf_release(&includes);
	strbuf_release(&blob);
	return rc;
}

/* A header's row id and its place in the loaded rows (which are in path order). */
struct header_id {
	long id;
	size_t at;
};

static int by_id(const void *a, const void *b)
{
	long x = ((const struct header_id *)a)->id, y = ((const struct header_id *)b)->id;

	return x < y ? -1 : x > y;
}

/*
 * A file's includes column, "[3,17,204]", into its paths (ids, sorted by id, name the loaded
 * headers).  -1 for a value that is not such a list or names a header that is not there: the
 * file is then not cached.
 */
static int decode_includes(const char *text, const struct header_id *ids,
			   const struct cache_rows *rows, struct strvec *out)
{
	const char *p = text;

	if (!p || *p++ != '[')
		return -1;
	while (*p && *p != ']') {
		struct header_id key, *h;
		char *end;

		key.id = strtol(p, &end, 10);
		if (end == p || !(h = bsearch(&key, ids, rows->nheaders, sizeof(*ids), by_id)))
			return -1;
		strvec_push(out, rows->headers[h->at].path);
		p = *end == ',' ? end + 1 : end;
	}
	return *p == ']' && !p[1] ? 0 : -1;
}

/* The headers, in path order, and their ids, sorted by id, into ids (malloc'ed). */
static int load_headers(struct facts_db *db, struct cache_rows *rows, struct header_id **ids)
{
	sqlite3_stmt *st;
	size_t alloc = 0, ialloc = 0;
	int step;

	*ids = NULL;
	if (db_prepare(db, &st, "SELECT id, path, hash FROM cache_headers ORDER BY path"))
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(rows->headers, rows->nheaders + 1, alloc);
		ALLOC_GROW(*ids, rows->nheaders + 1, ialloc);
		(*ids)[rows->nheaders].id = (long)sqlite3_column_int64(st, 0);
		(*ids)[rows->nheaders].at = rows->nheaders;
		rows->headers[rows->nheaders].path = db_col_dup(st, 1);
		rows->headers[rows->nheaders++].hash = db_col_dup(st, 2);
	}
	sqlite3_finalize(st);
	if (rows->nheaders)
		qsort(*ids, rows->nheaders, sizeof(**ids), by_id);
	return step == SQLITE_DONE ? 0 : db_error(db, "read cache headers");
}

/* The cache_files rows that decode, with their includes, in path order. */
static int load_files(struct facts_db *db, struct cache_rows *rows, const struct header_id *ids)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int step;

	if (db_prepare(db, &st, "SELECT c.path, c.key, c.facts, c.ring, c.includes, c.config"
		       " FROM cache_files c ORDER BY c.path, c.config"))
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct cache_file_row *f;

		ALLOC_GROW(rows->files, rows->nfiles + 1, alloc);
		f = &rows->files[rows->nfiles];
		memset(f, 0, sizeof(*f));
		if (facts_decode(sqlite3_column_blob(st, 2), sqlite3_column_bytes(st, 2), &f->facts))
			continue;
		if (strcmp(f->facts.path, (const char *)sqlite3_column_text(st, 0)) ||
		    decode_includes((const char *)sqlite3_column_text(st, 4), ids, rows,
				    &f->facts.includes)) {
			file_facts_release(&f->facts);
			continue;
		}
		f->key = db_col_dup(st, 1);
		f->config = db_col_dup(st, 5);
		f->ring = sqlite3_column_int(st, 3);
		rows->nfiles++;
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : db_error(db, "read cache files");
}

int db_load_cache(struct facts_db *db, struct cache_rows *rows)
{
	struct header_id *ids;
	int rc;

	memset(rows, 0, sizeof(*rows));
	rc = load_headers(db, rows, &ids);
	if (!rc)
		rc = load_files(db, rows, ids);
	free(ids);
	return rc;
}

void cache_rows_release(struct cache_rows *rows)
{
	for (size_t i = 0; i < rows->nfiles; i++) {
		file_facts_release(&rows->files[i].facts);
		free(rows->files[i].key);
		free(rows->files[i].config);
	}
	for (size_t i = 0; i < rows->nheaders; i++) {
		free(rows->headers[i].path);
		free(rows->headers[i].hash);
	}
	free(rows->files);
	free(rows->headers);
	memset(rows, 0, sizeof(*rows));
}

int db_add_walk(struct facts_db *db, const struct walk_row *r)
{
	sqlite3_stmt *st;

	if (!db->ins_walk && db_prepare(db, &db->ins_walk, "INSERT INTO cache_walk(path, size,"
					" mtime_ns, ctime_ns, inode, candidate, hash, tool)"
					" VALUES (?, ?, ?, ?, ?, ?, ?, ?)"))
		return -1;
	st = db->ins_walk;
	sqlite3_bind_text(st, 1, r->path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, r->size);
	sqlite3_bind_int64(st, 3, r->mtime_ns);
	sqlite3_bind_int64(st, 4, r->ctime_ns);
	sqlite3_bind_int64(st, 5, r->inode);
	sqlite3_bind_int(st, 6, r->candidate);
	db_bind_opt(st, 7, r->hash[0] ? r->hash : NULL);
	sqlite3_bind_text(st, 8, r->tool, -1, SQLITE_STATIC);
	return db_step(db, st, "insert cache walk");
}

int db_load_walk(struct facts_db *db, struct walk_rows *rows)
{
	sqlite3_stmt *st;
	int step;

	memset(rows, 0, sizeof(*rows));
	if (db_prepare(db, &st, "SELECT path, size, mtime_ns, ctime_ns, inode, candidate, hash, tool"
		       " FROM cache_walk ORDER BY path"))
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *hash = sqlite3_column_text(st, 6);
		struct walk_row *r;

		ALLOC_GROW(rows->v, rows->n + 1, rows->alloc);
		r = &rows->v[rows->n++];
		memset(r, 0, sizeof(*r));
		r->path = db_col_dup(st, 0);
		r->size = sqlite3_column_int64(st, 1);
		r->mtime_ns = sqlite3_column_int64(st, 2);
		r->ctime_ns = sqlite3_column_int64(st, 3);
		r->inode = sqlite3_column_int64(st, 4);
		r->candidate = sqlite3_column_int(st, 5);
		const unsigned char *tool = sqlite3_column_text(st, 7);

		if (hash && strlen((const char *)hash) < sizeof(r->hash))
			strcpy(r->hash, (const char *)hash);
		if (tool && strlen((const char *)tool) < sizeof(r->tool))
			strcpy(r->tool, (const char *)tool);
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : db_error(db, "read cache walk");
}

void walk_rows_release(struct walk_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++)
		free(rows->v[i].path);
	free(rows->v);
	memset(rows, 0, sizeof(*rows));
}
