/* The facts cache's storage: each file's facts blob, its key and the headers its parse read. */
#include <stdlib.h>
#include <string.h>
#include "db_int.h"

int db_add_cache_header(struct facts_db *db, const char *path, const char *hash)
{
	sqlite3_stmt *st;

	if (!db->ins_header && db_prepare(db, &db->ins_header,
					  "INSERT INTO cache_headers(path, hash) VALUES (?, ?)"))
		return -1;
	st = db->ins_header;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
	return db_step(db, st, "insert cache header");
}

int db_add_cache(struct facts_db *db, const struct file_facts *ff, const char *key)
{
	struct strbuf blob = { 0 };
	sqlite3_stmt *st;
	int rc = 0;

	if (facts_encode(ff, &blob))
		goto out;
	if ((!db->ins_cache && db_prepare(db, &db->ins_cache, "INSERT INTO cache_files(path,"
					  " hash, key, facts) VALUES (?, ?, ?, ?)")) ||
	    (!db->ins_include && db_prepare(db, &db->ins_include, "INSERT OR IGNORE INTO"
					    " cache_includes(file, header_id) SELECT ?, id FROM"
					    " cache_headers WHERE path = ?"))) {
		rc = -1;
		goto out;
	}
	st = db->ins_cache;
	sqlite3_bind_text(st, 1, ff->path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, ff->hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, blob.buf, (int)blob.len, SQLITE_STATIC);
	rc = db_step(db, st, "insert cache file");
	for (size_t i = 0; !rc && i < ff->includes.n; i++) {
		st = db->ins_include;
		sqlite3_bind_text(st, 1, ff->path, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, ff->includes.v[i], -1, SQLITE_STATIC);
		rc = db_step(db, st, "insert cache include");
		if (!rc && sqlite3_changes(db->h) != 1)
			rc = error("%s: %s: the header %s has no cache_headers row", db->tmp_path,
				   ff->path, ff->includes.v[i]);
	}
out:
	strbuf_release(&blob);
	return rc;
}

static int cmp_file_row(const void *key, const void *elem)
{
	return strcmp(key, ((const struct cache_file_row *)elem)->facts.path);
}

/* The files' includes, from the cache_includes rows in file order, into the loaded rows. */
static int load_includes(struct facts_db *db, struct cache_rows *rows)
{
	sqlite3_stmt *st;
	int step;

	if (db_prepare(db, &st, "SELECT i.file, h.path FROM cache_includes i"
		       " JOIN cache_headers h ON h.id = i.header_id ORDER BY i.file, h.path"))
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *file = (const char *)sqlite3_column_text(st, 0);
		struct cache_file_row *f = bsearch(file, rows->files, rows->nfiles,
						   sizeof(*rows->files), cmp_file_row);

		if (f)
			strvec_push(&f->facts.includes, (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : db_error(db, "read cache includes");
}

/* The cache_files rows that decode, in path order. */
static int load_files(struct facts_db *db, struct cache_rows *rows)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int step;

	if (db_prepare(db, &st, "SELECT path, key, facts FROM cache_files ORDER BY path"))
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct cache_file_row *f;

		ALLOC_GROW(rows->files, rows->nfiles + 1, alloc);
		f = &rows->files[rows->nfiles];
		memset(f, 0, sizeof(*f));
		if (facts_decode(sqlite3_column_blob(st, 2), sqlite3_column_bytes(st, 2), &f->facts))
			continue;
		if (strcmp(f->facts.path, (const char *)sqlite3_column_text(st, 0))) {
			file_facts_release(&f->facts);
			continue;
		}
		f->key = db_col_dup(st, 1);
		rows->nfiles++;
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : db_error(db, "read cache files");
}

int db_load_cache(struct facts_db *db, struct cache_rows *rows)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int step;

	memset(rows, 0, sizeof(*rows));
	if (load_files(db, rows) || load_includes(db, rows))
		return -1;
	if (db_prepare(db, &st, "SELECT path, hash FROM cache_headers ORDER BY path"))
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(rows->headers, rows->nheaders + 1, alloc);
		rows->headers[rows->nheaders].path = db_col_dup(st, 0);
		rows->headers[rows->nheaders++].hash = db_col_dup(st, 1);
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : db_error(db, "read cache headers");
}

void cache_rows_release(struct cache_rows *rows)
{
	for (size_t i = 0; i < rows->nfiles; i++) {
		file_facts_release(&rows->files[i].facts);
		free(rows->files[i].key);
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
