/* The facts storage of the database: creating, loading atomically, opening, the facts' reads. */
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>
#include "db_int.h"
#include "schema.h"

int db_error(struct facts_db *db, const char *what)
{
	return error("%s: %s: %s", db->tmp_path ? db->tmp_path : db->final_path, what,
		     sqlite3_errmsg(db->h));
}

int db_prepare(struct facts_db *db, sqlite3_stmt **st, const char *sql)
{
	if (sqlite3_prepare_v2(db->h, sql, -1, st, NULL) != SQLITE_OK)
		return db_error(db, "prepare");
	return 0;
}

void db_bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

int db_step(struct facts_db *db, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(db, what);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

char *db_col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

void db_finalize_inserts(struct facts_db *db)
{
	sqlite3_finalize(db->ins_file);
	sqlite3_finalize(db->ins_fn);
	sqlite3_finalize(db->ins_call);
	sqlite3_finalize(db->ins_store);
	sqlite3_finalize(db->ins_flow);
	sqlite3_finalize(db->ins_cache);
	sqlite3_finalize(db->ins_header);
	sqlite3_finalize(db->ins_site_config);
	sqlite3_finalize(db->ins_walk);
	db->ins_file = db->ins_fn = db->ins_call = db->ins_store = db->ins_flow = NULL;
	db->ins_cache = db->ins_header = db->ins_walk = db->ins_site_config = NULL;
}

static void db_free(struct facts_db *db)
{
	db_finalize_inserts(db);
	sqlite3_close(db->h);
	free(db->final_path);
	free(db->tmp_path);
	free(db);
}

static int load_apis(struct facts_db *db)
{
	sqlite3_stmt *st;
	int rc = 0;

	if (db_prepare(db, &st, "INSERT INTO apis(name, kind, is_acquire) VALUES (?, ?, ?)"))
		return -1;
	for (const struct gup_api *a = gup_apis; a->name && !rc; a++) {
		sqlite3_bind_text(st, 1, a->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, api_kind_name(a->kind), -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, api_is_acquire(a));
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_error(db, "insert api");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

char *db_output_path(const char *path)
{
	struct stat st;
	char *real, *dir;
	int ok;

	if (!lstat(path, &st)) {
		if (S_ISLNK(st.st_mode) && !stat(path, &st) && S_ISREG(st.st_mode))
			return realpath(path, NULL);
		if (!S_ISREG(st.st_mode)) {
			error("%s: not a regular file: a database is written only over a database"
			      " (or a symlink to one)", path);
			return NULL;
		}
		return xstrdup(path);
	}
	dir = dir_of(path);
	ok = dir_exists(*dir ? dir : ".");
	if (!ok)
		error("%s: no such directory", *dir ? dir : ".");
	real = ok ? xstrdup(path) : NULL;
	free(dir);
	return real;
}

struct facts_db *db_create(const char *final_path)
{
	struct facts_db *db = xcalloc(1, sizeof(*db));

	db->final_path = xstrdup(final_path);
	db->tmp_path = xasprintf("%s.tmp.%ld", final_path, (long)getpid());
	unlink(db->tmp_path);
	db_tmp_begin(db->tmp_path, final_path);
	if (sqlite3_open(db->tmp_path, &db->h) != SQLITE_OK) {
		db_error(db, "cannot create");
		goto fail;
	}
	if (sqlite3_exec(db->h, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;"
			 SCHEMA_SQL, NULL, NULL, NULL) != SQLITE_OK) {
		db_error(db, "cannot create schema");
		goto fail;
	}
	if (load_apis(db) ||
	    db_prepare(db, &db->ins_file, "INSERT INTO files(path, hash, status, diagnostics,"
		    " first_diagnostic, flags_from, built, ring, mmu_notifier)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)") ||
	    db_prepare(db, &db->ins_fn, "INSERT INTO functions(file_id, name, line, end_line,"
		    " is_static) VALUES (?, ?, ?, ?, ?)") ||
	    db_prepare(db, &db->ins_call, "INSERT INTO calls(file_id, line, col, function, api,"
		    " pages, count, flags, flags_value, flags_names, pages_to, seen_by, compiled,"
		    " note, result, flags_form, longterm, flags_param, cond)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") ||
	    db_prepare(db, &db->ins_flow, "INSERT INTO flows(file_id, line, col, function, kind,"
		    " dst, src, callee, argno) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)") ||
	    db_prepare(db, &db->ins_store, "INSERT INTO field_stores(file_id, line, col, function,"
		    " struct, field, value) VALUES (?, ?, ?, ?, ?, ?, ?)"))
		goto fail;
	return db;
fail:
	db_abort(db);
	return NULL;
}

int db_set_meta(struct facts_db *db, const char *key, const char *value)
{
	sqlite3_stmt *st;
	int rc = 0;

	if (db_prepare(db, &st, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)"))
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_error(db, "insert meta");
	sqlite3_finalize(st);
	return rc;
}

static int add_call(struct facts_db *db, sqlite3_int64 file_id, const struct call_fact *c)
{
	sqlite3_stmt *st = db->ins_call;

	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_int(st, 2, c->line);
	sqlite3_bind_int(st, 3, c->col);
	db_bind_opt(st, 4, c->function);
	sqlite3_bind_text(st, 5, c->api->name, -1, SQLITE_STATIC);
	db_bind_opt(st, 6, c->pages);
	db_bind_opt(st, 7, c->count);
	db_bind_opt(st, 8, c->flags);
	if (c->flags_value >= 0)
		sqlite3_bind_int64(st, 9, c->flags_value);
	db_bind_opt(st, 10, c->flags_names);
	db_bind_opt(st, 11, c->pages_to);
	sqlite3_bind_text(st, 12, c->seen_by, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 13, c->compiled);
	db_bind_opt(st, 14, c->note);
	db_bind_opt(st, 15, c->result);
	db_bind_opt(st, 16, c->flags_form);
	sqlite3_bind_int(st, 17, c->longterm);
	db_bind_opt(st, 18, c->flags_param);
	db_bind_opt(st, 19, c->cond);
	return db_step(db, st, "insert call");
}

static int add_flow(struct facts_db *db, sqlite3_int64 file_id, const struct flow_fact *f)
{
	sqlite3_stmt *st = db->ins_flow;

	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_int(st, 2, f->line);
	sqlite3_bind_int(st, 3, f->col);
	sqlite3_bind_text(st, 4, f->function, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, f->kind);
	db_bind_opt(st, 6, f->dst);
	db_bind_opt(st, 7, f->src);
	db_bind_opt(st, 8, f->callee);
	if (f->argno >= 0)
		sqlite3_bind_int(st, 9, f->argno);
	return db_step(db, st, "insert flow");
}

int db_add_file(struct facts_db *db, const struct file_facts *ff, struct db_ids *ids)
{
	static const char *const status[] = { "ok", "errors", "failed", "other-arch" };
	sqlite3_stmt *st = db->ins_file;
	sqlite3_int64 id;

	sqlite3_bind_text(st, 1, ff->path, -1, SQLITE_STATIC);
	db_bind_opt(st, 2, ff->hash[0] ? ff->hash : NULL);
	sqlite3_bind_text(st, 3, status[ff->status], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, ff->ndiag);
	db_bind_opt(st, 5, ff->first_diag);
	db_bind_opt(st, 6, ff->flags_from);
	sqlite3_bind_text(st, 7, ff->built > 0 ? "yes" : ff->built == 0 ? "no" : "unknown", -1,
			  SQLITE_STATIC);
	sqlite3_bind_int(st, 8, ff->ring);
	sqlite3_bind_int(st, 9, ff->mmu_notifier);
	if (db_step(db, st, "insert file"))
		return -1;
	id = sqlite3_last_insert_rowid(db->h);
	ids->calls = xcalloc(ff->ncalls + 1, sizeof(*ids->calls));
	ids->fns = xcalloc(ff->nfns + 1, sizeof(*ids->fns));
	ids->flows = xcalloc(ff->nflows + 1, sizeof(*ids->flows));
	for (size_t i = 0; i < ff->nfns; i++) {
		st = db->ins_fn;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, ff->fns[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, ff->fns[i].line);
		sqlite3_bind_int(st, 4, ff->fns[i].end_line);
		sqlite3_bind_int(st, 5, ff->fns[i].is_static);
		if (db_step(db, st, "insert function"))
			return -1;
		ids->fns[i] = sqlite3_last_insert_rowid(db->h);
	}
	for (size_t i = 0; i < ff->ncalls; i++) {
		if (add_call(db, id, &ff->calls[i]))
			return -1;
		ids->calls[i] = sqlite3_last_insert_rowid(db->h);
	}
	for (size_t i = 0; i < ff->nflows; i++) {
		if (add_flow(db, id, &ff->flows[i]))
			return -1;
		ids->flows[i] = sqlite3_last_insert_rowid(db->h);
	}
	for (size_t i = 0; i < ff->nstores; i++) {
		const struct store_fact *s = &ff->stores[i];

		st = db->ins_store;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, s->line);
		sqlite3_bind_int(st, 3, s->col);
		db_bind_opt(st, 4, s->function);
		sqlite3_bind_text(st, 5, s->struct_name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, s->field, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, s->value, -1, SQLITE_STATIC);
		if (db_step(db, st, "insert field store"))
			return -1;
	}
	return 0;
}

int db_commit(struct facts_db *db)
{
	int rc = -1;

	if (sqlite3_exec(db->h, INDEXES_SQL "COMMIT;", NULL, NULL, NULL) != SQLITE_OK) {
		db_error(db, "commit");
		db_abort(db);
		return -1;
	}
	db_finalize_inserts(db);
	if (sqlite3_close(db->h) != SQLITE_OK) {
		db_error(db, "close");
		db->h = NULL;
		unlink(db->tmp_path);
		goto out;
	}
	db->h = NULL;
	if (db_tmp_commit(db->tmp_path, db->final_path)) {
		unlink(db->tmp_path);
		goto out;
	}
	rc = 0;
out:
	db_tmp_end();
	db_free(db);
	return rc;
}

void db_abort(struct facts_db *db)
{
	db_finalize_inserts(db);
	sqlite3_close(db->h);
	db->h = NULL;
	if (db->tmp_path)
		unlink(db->tmp_path);
	db_tmp_end();
	db_free(db);
}

/* What a failed read of path says about it: one line, malloc'ed. */
static char *db_unreadable(struct facts_db *db, const char *path)
{
	int code = sqlite3_errcode(db->h);

	if (code == SQLITE_NOTADB)
		return xasprintf("%s: not a gupcheck database (SQLite: %s)", path,
				 sqlite3_errmsg(db->h));
	if (code == SQLITE_CORRUPT)
		return xasprintf("%s: corrupt (SQLite: %s): run 'gupcheck scan' again", path,
				 sqlite3_errmsg(db->h));
	return xasprintf("%s: cannot read (SQLite: %s)", path, sqlite3_errmsg(db->h));
}

/* The first column of the one row sql gives, as an int in *n or, with text, copied into it. */
static int db_pragma(struct facts_db *db, const char *sql, int *n, char *text, size_t size)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && n)
		*n = sqlite3_column_int(st, 0);
	if (rc == SQLITE_ROW && text)
		snprintf(text, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* The first table or view of schema.sql that db lacks, malloc'ed, or NULL when it has them all. */
static char *db_missing_object(struct facts_db *db)
{
	sqlite3 *mem;
	sqlite3_stmt *want, *have = NULL;
	char *missing = NULL;

	if (sqlite3_open(":memory:", &mem) != SQLITE_OK ||
	    sqlite3_exec(mem, SCHEMA_SQL, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(mem, "SELECT type, name FROM sqlite_master WHERE type IN"
			       " ('table', 'view') ORDER BY name", -1, &want, NULL) != SQLITE_OK)
		die("the compiled-in schema does not load: %s", sqlite3_errmsg(mem));
	if (sqlite3_prepare_v2(db->h, "SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?",
			       -1, &have, NULL) != SQLITE_OK)
		missing = xstrdup("sqlite_master");
	while (!missing && sqlite3_step(want) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(want, 0);
		const char *name = (const char *)sqlite3_column_text(want, 1);

		sqlite3_reset(have);
		sqlite3_bind_text(have, 1, type, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(have, 2, name, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(have) != SQLITE_ROW)
			missing = xasprintf("%s %s", type, name);
	}
	sqlite3_finalize(have);
	sqlite3_finalize(want);
	sqlite3_close(mem);
	return missing;
}

/*
 * Is path a whole gupcheck database of this schema version?  Checked once, on open: readable
 * by SQLite, this version, every page sound (quick_check), every table and view there.  NULL
 * when it is, else the one line that says why not, malloc'ed.
 */
static char *db_verify(struct facts_db *db, const char *path)
{
	char check[256] = "", *missing, *why;
	int version = -1, ntables = 0;

	if (db_pragma(db, "PRAGMA user_version", &version, NULL, 0) ||
	    db_pragma(db, "SELECT count(*) FROM sqlite_master", &ntables, NULL, 0))
		return db_unreadable(db, path);
	if (version == 0 && ntables == 0)
		return xasprintf("%s: not a gupcheck database (an empty SQLite file)", path);
	if (version != SCHEMA_VERSION)
		return xasprintf("%s: database schema version %d, this gupcheck reads version %d:"
				 " run 'gupcheck scan' again", path, version, SCHEMA_VERSION);
	if (db_pragma(db, "PRAGMA quick_check(1)", NULL, check, sizeof(check)))
		return db_unreadable(db, path);
	if (strcmp(check, "ok"))
		return xasprintf("%s: corrupt (SQLite: %s): run 'gupcheck scan' again", path, check);
	if ((missing = db_missing_object(db))) {
		why = xasprintf("%s: not a gupcheck database (it has no %s)", path, missing);
		free(missing);
		return why;
	}
	return NULL;
}

struct facts_db *db_open_why(const char *path, char **why)
{
	struct facts_db *db = xcalloc(1, sizeof(*db));
	char *msg = NULL;

	db->final_path = xstrdup(path);
	if (!file_exists(path))
		msg = xasprintf("%s: no such database (create it with 'gupcheck scan TREE -o %s')",
				path, path);
	else if (sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		msg = xasprintf("%s: cannot open: %s", path, sqlite3_errmsg(db->h));
	else
		msg = db_verify(db, path);
	if (!msg)
		return db;
	if (why)
		*why = msg;
	else
		error("%s", msg);
	if (!why)
		free(msg);
	db_free(db);
	return NULL;
}

struct facts_db *db_open(const char *path)
{
	return db_open_why(path, NULL);
}

void db_close(struct facts_db *db)
{
	if (db)
		db_free(db);
}

/* The text of the first row sql (one "?" for key) gives, malloc'ed; NULL when none. */
static char *text_by_key(struct facts_db *db, const char *sql, const char *key)
{
	sqlite3_stmt *st;
	char *ret = NULL;

	if (db_prepare(db, &st, sql))
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		ret = db_col_dup(st, 0);
	sqlite3_finalize(st);
	return ret;
}

char *db_get_meta(struct facts_db *db, const char *key)
{
	return text_by_key(db, "SELECT value FROM meta WHERE key = ?", key);
}

int db_summary(struct facts_db *db, struct scan_summary *s)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM files),"
		" (SELECT count(*) FROM files WHERE status = 'ok'),"
		" (SELECT count(*) FROM files WHERE status = 'errors'),"
		" (SELECT count(*) FROM files WHERE status = 'failed'),"
		" (SELECT count(*) FROM files WHERE status = 'other-arch'),"
		" (SELECT count(*) FROM acquire_sites),"
		" (SELECT count(*) FROM acquire_sites WHERE NOT compiled),"
		" (SELECT count(*) FROM release_sites),"
		" (SELECT count(*) FROM field_stores),"
		" (SELECT count(*) FROM files WHERE ring >= 2),"
		" (SELECT count(*) FROM findings)";
	sqlite3_stmt *st;
	int rc = -1;

	if (db_prepare(db, &st, sql))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		long *out[] = { &s->files, &s->ok, &s->errors, &s->failed, &s->other_arch,
				&s->acquires, &s->acquires_not_compiled, &s->releases, &s->stores,
				&s->ring2, &s->findings };
		for (int i = 0; i < 11; i++)
			*out[i] = sqlite3_column_int64(st, i);
		rc = 0;
	} else {
		db_error(db, "summary");
	}
	sqlite3_finalize(st);
	return rc;
}

static void put_field(FILE *out, const char *key, const unsigned char *v)
{
	if (v)
		fprintf(out, "; %s=%s", key, v);
}

int db_print_facts(struct facts_db *db, const char *path, FILE *out)
{
	static const char sql[] =
		"SELECT f.path, c.line, c.col, CASE WHEN a.is_acquire THEN 'acquire' ELSE 'release' END,"
		"  c.api, c.function, c.pages, c.pages_to, c.count, c.flags, c.flags_names, c.seen_by,"
		"  CASE WHEN c.compiled THEN NULL ELSE 'no' END, c.note, NULL"
		" FROM calls c JOIN files f ON f.id = c.file_id JOIN apis a ON a.name = c.api"
		" WHERE ?1 IS NULL OR f.path = ?1"
		" UNION ALL"
		" SELECT f.path, s.line, s.col, 'store', s.struct || '.' || s.field, s.function, NULL, NULL,"
		"  NULL, NULL, NULL, NULL, NULL, NULL, s.value"
		" FROM field_stores s JOIN files f ON f.id = s.file_id"
		" WHERE ?1 IS NULL OR f.path = ?1"
		" ORDER BY 1, 2, 3, 5";
	static const char *const keys[] = {
		"in", "pages", "to", "count", "flags", "resolved", "seen", "compiled", "note", "value"
	};
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, &st, sql))
		return -1;
	db_bind_opt(st, 1, path);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fprintf(out, "%s:%d:%d: %s %s", sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
			sqlite3_column_int(st, 2), sqlite3_column_text(st, 3), sqlite3_column_text(st, 4));
		for (int i = 0; i < 10; i++)
			put_field(out, keys[i], sqlite3_column_text(st, 5 + i));
		fputc('\n', out);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_error(db, "print facts");
}

int db_each_file(struct facts_db *db, int (*fn)(const char *path, const char *hash, void *data),
		 void *data)
{
	sqlite3_stmt *st;
	int rc = 0, step;

	if (db_prepare(db, &st, "SELECT path, hash FROM files ORDER BY path"))
		return -1;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = fn((const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1), data);
	sqlite3_finalize(st);
	return rc ? rc : step == SQLITE_DONE ? 0 : db_error(db, "read files");
}

char *db_file_hash(struct facts_db *db, const char *path)
{
	return text_by_key(db, "SELECT hash FROM files WHERE path = ?", path);
}
