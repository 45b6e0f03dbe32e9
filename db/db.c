/* The typed interface to the facts database; every SQL statement of gupcheck lives behind it. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include "db.h"
#include "schema.h"
#include "util.h"

struct facts_db {
	sqlite3 *h;
	char *final_path, *tmp_path;	/* tmp_path is NULL for a database opened read-only */
	sqlite3_stmt *ins_file, *ins_fn, *ins_call, *ins_store, *ins_flow;
};

static int db_error(struct facts_db *db, const char *what)
{
	return error("%s: %s: %s", db->tmp_path ? db->tmp_path : db->final_path, what,
		     sqlite3_errmsg(db->h));
}

static void db_free(struct facts_db *db)
{
	sqlite3_finalize(db->ins_file);
	sqlite3_finalize(db->ins_fn);
	sqlite3_finalize(db->ins_call);
	sqlite3_finalize(db->ins_store);
	sqlite3_finalize(db->ins_flow);
	sqlite3_close(db->h);
	free(db->final_path);
	free(db->tmp_path);
	free(db);
}

static int prepare(struct facts_db *db, sqlite3_stmt **st, const char *sql)
{
	if (sqlite3_prepare_v2(db->h, sql, -1, st, NULL) != SQLITE_OK)
		return db_error(db, "prepare");
	return 0;
}

static int load_apis(struct facts_db *db)
{
	sqlite3_stmt *st;
	int rc = 0;

	if (prepare(db, &st, "INSERT INTO apis(name, kind, is_acquire) VALUES (?, ?, ?)"))
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

struct facts_db *db_create(const char *final_path)
{
	struct facts_db *db = xcalloc(1, sizeof(*db));

	db->final_path = xstrdup(final_path);
	db->tmp_path = xasprintf("%s.tmp.%ld", final_path, (long)getpid());
	unlink(db->tmp_path);
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
	    prepare(db, &db->ins_file, "INSERT INTO files(path, hash, status, diagnostics,"
		    " first_diagnostic, flags_from, built, ring, mmu_notifier)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)") ||
	    prepare(db, &db->ins_fn, "INSERT INTO functions(file_id, name, line, end_line,"
		    " is_static) VALUES (?, ?, ?, ?, ?)") ||
	    prepare(db, &db->ins_call, "INSERT INTO calls(file_id, line, col, function, api,"
		    " pages, count, flags, flags_value, flags_names, pages_to, seen_by, compiled,"
		    " note, result, flags_form, longterm, flags_param, cond)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") ||
	    prepare(db, &db->ins_flow, "INSERT INTO flows(file_id, line, col, function, kind,"
		    " dst, src, callee, argno) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)") ||
	    prepare(db, &db->ins_store, "INSERT INTO field_stores(file_id, line, col, function,"
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

	if (prepare(db, &st, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)"))
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = db_error(db, "insert meta");
	sqlite3_finalize(st);
	return rc;
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static int step(struct facts_db *db, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(db, what);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

static int add_call(struct facts_db *db, sqlite3_int64 file_id, const struct call_fact *c)
{
	sqlite3_stmt *st = db->ins_call;

	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_int(st, 2, c->line);
	sqlite3_bind_int(st, 3, c->col);
	bind_opt(st, 4, c->function);
	sqlite3_bind_text(st, 5, c->api->name, -1, SQLITE_STATIC);
	bind_opt(st, 6, c->pages);
	bind_opt(st, 7, c->count);
	bind_opt(st, 8, c->flags);
	if (c->flags_value >= 0)
		sqlite3_bind_int64(st, 9, c->flags_value);
	bind_opt(st, 10, c->flags_names);
	bind_opt(st, 11, c->pages_to);
	sqlite3_bind_text(st, 12, c->seen_by, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 13, c->compiled);
	bind_opt(st, 14, c->note);
	bind_opt(st, 15, c->result);
	bind_opt(st, 16, c->flags_form);
	sqlite3_bind_int(st, 17, c->longterm);
	bind_opt(st, 18, c->flags_param);
	bind_opt(st, 19, c->cond);
	return step(db, st, "insert call");
}

static int add_flow(struct facts_db *db, sqlite3_int64 file_id, const struct flow_fact *f)
{
	sqlite3_stmt *st = db->ins_flow;

	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_int(st, 2, f->line);
	sqlite3_bind_int(st, 3, f->col);
	sqlite3_bind_text(st, 4, f->function, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, f->kind);
	bind_opt(st, 6, f->dst);
	bind_opt(st, 7, f->src);
	bind_opt(st, 8, f->callee);
	if (f->argno >= 0)
		sqlite3_bind_int(st, 9, f->argno);
	return step(db, st, "insert flow");
}

int db_add_file(struct facts_db *db, const struct file_facts *ff, struct db_ids *ids)
{
	static const char *const status[] = { "ok", "errors", "failed", "other-arch" };
	sqlite3_stmt *st = db->ins_file;
	sqlite3_int64 id;

	sqlite3_bind_text(st, 1, ff->path, -1, SQLITE_STATIC);
	bind_opt(st, 2, ff->hash[0] ? ff->hash : NULL);
	sqlite3_bind_text(st, 3, status[ff->status], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, ff->ndiag);
	bind_opt(st, 5, ff->first_diag);
	bind_opt(st, 6, ff->flags_from);
	sqlite3_bind_text(st, 7, ff->built > 0 ? "yes" : ff->built == 0 ? "no" : "unknown", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, ff->ring);
	sqlite3_bind_int(st, 9, ff->mmu_notifier);
	if (step(db, st, "insert file"))
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
		if (step(db, st, "insert function"))
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
		bind_opt(st, 4, s->function);
		sqlite3_bind_text(st, 5, s->struct_name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, s->field, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, s->value, -1, SQLITE_STATIC);
		if (step(db, st, "insert field store"))
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
	sqlite3_finalize(db->ins_file);
	sqlite3_finalize(db->ins_fn);
	sqlite3_finalize(db->ins_call);
	sqlite3_finalize(db->ins_store);
	sqlite3_finalize(db->ins_flow);
	db->ins_file = db->ins_fn = db->ins_call = db->ins_store = db->ins_flow = NULL;
	if (sqlite3_close(db->h) != SQLITE_OK) {
		db_error(db, "close");
		db->h = NULL;
		unlink(db->tmp_path);
		goto out;
	}
	db->h = NULL;
	if (rename(db->tmp_path, db->final_path)) {
		error("%s: cannot rename to %s", db->tmp_path, db->final_path);
		unlink(db->tmp_path);
		goto out;
	}
	rc = 0;
out:
	db_free(db);
	return rc;
}

void db_abort(struct facts_db *db)
{
	sqlite3_finalize(db->ins_file);
	sqlite3_finalize(db->ins_fn);
	sqlite3_finalize(db->ins_call);
	sqlite3_finalize(db->ins_store);
	sqlite3_finalize(db->ins_flow);
	db->ins_file = db->ins_fn = db->ins_call = db->ins_store = db->ins_flow = NULL;
	sqlite3_close(db->h);
	db->h = NULL;
	if (db->tmp_path)
		unlink(db->tmp_path);
	db_free(db);
}

struct facts_db *db_open(const char *path)
{
	struct facts_db *db = xcalloc(1, sizeof(*db));
	sqlite3_stmt *st;
	int version = -1;

	db->final_path = xstrdup(path);
	if (!file_exists(path)) {
		error("%s: no such database (create it with 'gupcheck scan TREE -o %s')", path, path);
		goto fail;
	}
	if (sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		db_error(db, "cannot open");
		goto fail;
	}
	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
		error("%s: not a gupcheck database (%s)", path, sqlite3_errmsg(db->h));
		goto fail;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version != SCHEMA_VERSION) {
		error("%s: database schema version %d, this gupcheck reads version %d: run 'gupcheck scan' again",
		      path, version, SCHEMA_VERSION);
		goto fail;
	}
	return db;
fail:
	db_free(db);
	return NULL;
}

void db_close(struct facts_db *db)
{
	if (db)
		db_free(db);
}

char *db_get_meta(struct facts_db *db, const char *key)
{
	sqlite3_stmt *st;
	char *ret = NULL;

	if (prepare(db, &st, "SELECT value FROM meta WHERE key = ?"))
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		ret = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return ret;
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
		" (SELECT count(*) FROM files WHERE ring = 2),"
		" (SELECT count(*) FROM findings)";
	sqlite3_stmt *st;
	int rc = -1;

	if (prepare(db, &st, sql))
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

	if (prepare(db, &st, sql))
		return -1;
	bind_opt(st, 1, path);
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

/* Store the plan: verdicts, pairs, findings, summaries; ids maps facts to row ids. */
int db_add_plan(struct facts_db *db, const struct plan *p, const struct db_ids *ids)
{
	sqlite3_stmt *v = NULL, *pr = NULL, *fd = NULL, *sm = NULL, *br = NULL, *pb = NULL;
	int rc = -1;

#define ID(r) (ids[(r).file].calls[(r).call])
	if (prepare(db, &v, "INSERT INTO verdicts(call_id, verdict, rule, evidence, kept_in, reaches,"
		    " returned) VALUES (?, ?, ?, ?, ?, ?, ?)") ||
	    prepare(db, &pr, "INSERT OR IGNORE INTO pairs(acquire_id, release_id, kind, via, dispatched)"
		    " VALUES (?, ?, ?, ?, ?)") ||
	    prepare(db, &fd, "INSERT INTO findings(call_id, acquire_id, check_name, severity, message,"
		    " fingerprint) VALUES (?, ?, ?, ?, ?, ?)") ||
	    prepare(db, &sm, "INSERT OR IGNORE INTO summaries(function_id, param, call_id, dispatched)"
		    " VALUES (?, ?, ?, ?)") ||
	    prepare(db, &br, "INSERT INTO bio_reach(end_io_id, assign_id, acquire_id, origin_id)"
		    " VALUES (?, ?, ?, ?)") ||
	    prepare(db, &pb, "INSERT INTO probes(flow_id, belief) VALUES (?, ?)"))
		goto finalize;
	for (size_t i = 0; i < p->nprobes; i++) {
		sqlite3_bind_int64(pb, 1, ids[p->probes[i].at.file].flows[p->probes[i].at.call]);
		sqlite3_bind_text(pb, 2, p->probes[i].belief, -1, SQLITE_STATIC);
		if (step(db, pb, "insert probe"))
			goto finalize;
	}
	for (size_t i = 0; i < p->nsites; i++) {
		const struct site *s = &p->sites[i];

		sqlite3_bind_int64(v, 1, ID(s->at));
		sqlite3_bind_text(v, 2, s->verdict, -1, SQLITE_STATIC);
		sqlite3_bind_text(v, 3, s->rule, -1, SQLITE_STATIC);
		sqlite3_bind_text(v, 4, s->evidence, -1, SQLITE_STATIC);
		bind_opt(v, 5, s->escape);
		bind_opt(v, 6, s->unknown);
		sqlite3_bind_int(v, 7, s->returned);
		if (step(db, v, "insert verdict"))
			goto finalize;
		for (size_t r = 0; r < s->nrel + s->ndirty; r++) {
			const struct reached *x = r < s->nrel ? &s->rel[r] : &s->dirty[r - s->nrel];

			sqlite3_bind_int64(pr, 1, ID(s->at));
			sqlite3_bind_int64(pr, 2, ID(x->at));
			sqlite3_bind_text(pr, 3, r < s->nrel ? "release" : "dirty", -1, SQLITE_STATIC);
			sqlite3_bind_text(pr, 4, x->via, -1, SQLITE_STATIC);
			sqlite3_bind_int(pr, 5, p->dispatched[x->at.file][x->at.call]);
			if (step(db, pr, "insert pair"))
				goto finalize;
		}
	}
	for (size_t i = 0; i < p->nfindings; i++) {
		const struct finding *f = &p->findings[i];

		sqlite3_bind_int64(fd, 1, ID(f->at));
		if (f->site >= 0)
			sqlite3_bind_int64(fd, 2, ID(p->sites[f->site].at));
		sqlite3_bind_text(fd, 3, f->check, -1, SQLITE_STATIC);
		sqlite3_bind_text(fd, 4, f->severity, -1, SQLITE_STATIC);
		sqlite3_bind_text(fd, 5, f->message, -1, SQLITE_STATIC);
		sqlite3_bind_text(fd, 6, f->fingerprint, -1, SQLITE_STATIC);
		if (step(db, fd, "insert finding"))
			goto finalize;
	}
	for (size_t i = 0; i < p->nsums; i++) {
		const struct summary *s = &p->sums[i];

		sqlite3_bind_int64(sm, 1, ids[s->file].fns[s->fn]);
		sqlite3_bind_int(sm, 2, (int)s->param);
		sqlite3_bind_int64(sm, 3, ID(s->release));
		sqlite3_bind_int(sm, 4, p->dispatched[s->release.file][s->release.call]);
		if (step(db, sm, "insert summary"))
			goto finalize;
	}
	for (size_t i = 0; i < p->nsites + p->norigins; i++) {
		const struct endio_hit *e = i < p->nsites ? p->sites[i].endios : p->origins[i - p->nsites].endios;
		size_t n = i < p->nsites ? p->sites[i].nendios : p->origins[i - p->nsites].nendios;

		for (size_t k = 0; k < n; k++) {
			sqlite3_bind_int64(br, 1, ids[e[k].fn.file].fns[e[k].fn.call]);
			sqlite3_bind_int64(br, 2, ids[e[k].assign.file].flows[e[k].assign.call]);
			if (i < p->nsites)
				sqlite3_bind_int64(br, 3, ID(p->sites[i].at));
			else
				sqlite3_bind_int64(br, 4, ids[p->origins[i - p->nsites].at.file]
							.flows[p->origins[i - p->nsites].at.call]);
			if (step(db, br, "insert bio reach"))
				goto finalize;
		}
	}
	rc = 0;
#undef ID
finalize:
	sqlite3_finalize(v);
	sqlite3_finalize(pr);
	sqlite3_finalize(fd);
	sqlite3_finalize(sm);
	sqlite3_finalize(br);
	sqlite3_finalize(pb);
	return rc;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

/* Read the stored plan, sites in path and line order, each with its releases and findings. */
int db_load_plan(struct facts_db *db, struct plan_rows *out)
{
	static const char sites_sql[] =
		"SELECT c.id, f.path, c.line, c.col, c.function, c.api, c.flags, c.result,"
		"  coalesce(c.flags_names, ''), v.verdict, v.rule, v.evidence, v.kept_in, c.longterm, v.reaches, v.returned,"
		"  c.pages"
		" FROM verdicts v JOIN calls c ON c.id = v.call_id JOIN files f ON f.id = c.file_id"
		" ORDER BY f.path, c.line, c.col";
	static const char rel_sql[] =
		"SELECT f.path, c.line, c.col, c.function, c.api, p.via, p.dispatched, p.kind, c.cond"
		" FROM pairs p JOIN calls c ON c.id = p.release_id JOIN files f ON f.id = c.file_id"
		" WHERE p.acquire_id = ? ORDER BY p.kind DESC, f.path, c.line, c.col";
	static const char find_sql[] =
		"SELECT f.path, c.line, c.col, c.function, d.severity, d.message, d.check_name,"
		"  d.fingerprint, d.acquire_id"
		" FROM findings d JOIN calls c ON c.id = d.call_id JOIN files f ON f.id = c.file_id"
		" UNION ALL"
		" SELECT f.path, fl.line, fl.col, fl.function, 'probe', b.belief, NULL, NULL, NULL"
		" FROM probes b JOIN flows fl ON fl.id = b.flow_id JOIN files f ON f.id = fl.file_id"
		" ORDER BY 1, 2, 3, 7";
	sqlite3_stmt *s = NULL, *r = NULL, *fd = NULL;
	size_t alloc = 0, falloc = 0;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (prepare(db, &s, sites_sql) || prepare(db, &r, rel_sql) || prepare(db, &fd, find_sql))
		goto finalize;
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct plan_site_row *row;
		size_t ralloc = 0;

		ALLOC_GROW(out->sites, out->nsites + 1, alloc);
		row = &out->sites[out->nsites++];
		memset(row, 0, sizeof(*row));
		row->id = sqlite3_column_int64(s, 0);
		row->path = col_dup(s, 1);
		row->line = sqlite3_column_int(s, 2);
		row->col = sqlite3_column_int(s, 3);
		row->function = col_dup(s, 4);
		row->api = col_dup(s, 5);
		row->flags = col_dup(s, 6);
		row->result = col_dup(s, 7);
		row->flags_names = col_dup(s, 8);
		row->verdict = col_dup(s, 9);
		row->rule = col_dup(s, 10);
		row->evidence = col_dup(s, 11);
		row->escape = col_dup(s, 12);
		row->longterm = sqlite3_column_int(s, 13) || strstr(row->flags_names, "FOLL_LONGTERM");
		row->reaches = col_dup(s, 14);
		row->returned = sqlite3_column_int(s, 15);
		row->pages = col_dup(s, 16);
		sqlite3_bind_int64(r, 1, row->id);
		while (sqlite3_step(r) == SQLITE_ROW) {
			struct plan_release_row *rr;

			ALLOC_GROW(row->rel, row->nrel + 1, ralloc);
			rr = &row->rel[row->nrel++];
			rr->path = col_dup(r, 0);
			rr->line = sqlite3_column_int(r, 1);
			rr->col = sqlite3_column_int(r, 2);
			rr->function = col_dup(r, 3);
			rr->api = col_dup(r, 4);
			rr->via = col_dup(r, 5);
			rr->dispatched = sqlite3_column_int(r, 6);
			rr->dirty = !strcmp((const char *)sqlite3_column_text(r, 7), "dirty");
			rr->cond = col_dup(r, 8);
		}
		sqlite3_reset(r);
	}
	while (sqlite3_step(fd) == SQLITE_ROW) {
		struct plan_finding_row *f;

		ALLOC_GROW(out->findings, out->nfindings + 1, falloc);
		f = &out->findings[out->nfindings++];
		f->path = col_dup(fd, 0);
		f->line = sqlite3_column_int(fd, 1);
		f->col = sqlite3_column_int(fd, 2);
		f->function = col_dup(fd, 3);
		f->severity = col_dup(fd, 4);
		f->message = col_dup(fd, 5);
		f->check = col_dup(fd, 6);
		f->fingerprint = col_dup(fd, 7);
		f->acquire_id = sqlite3_column_int64(fd, 8);
	}
	rc = 0;
finalize:
	sqlite3_finalize(s);
	sqlite3_finalize(r);
	sqlite3_finalize(fd);
	return rc;
}

int db_load_bio_reach(struct facts_db *db, struct reach_rows *out)
{
	static const char sql[] =
		"SELECT DISTINCT coalesce(r.acquire_id, 0), fn.name, ef.path, fn.line, fn.is_static, af.path, fl.line"
		" FROM bio_reach r JOIN functions fn ON fn.id = r.end_io_id JOIN files ef ON ef.id = fn.file_id"
		" JOIN flows fl ON fl.id = r.assign_id JOIN files af ON af.id = fl.file_id"
		" ORDER BY ef.path, fn.line, af.path, fl.line, 1";
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (prepare(db, &st, sql))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct reach_row *r;

		ALLOC_GROW(out->v, out->n + 1, alloc);
		r = &out->v[out->n++];
		r->acquire_id = sqlite3_column_int64(st, 0);
		r->end_io = col_dup(st, 1);
		r->end_io_path = col_dup(st, 2);
		r->end_io_line = sqlite3_column_int(st, 3);
		r->end_io_static = sqlite3_column_int(st, 4);
		r->assign_path = col_dup(st, 5);
		r->assign_line = sqlite3_column_int(st, 6);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_error(db, "load bio_reach");
}

void reach_rows_release(struct reach_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->v[i].end_io);
		free(rows->v[i].end_io_path);
		free(rows->v[i].assign_path);
	}
	free(rows->v);
	memset(rows, 0, sizeof(*rows));
}

void plan_rows_release(struct plan_rows *rows)
{
	for (size_t i = 0; i < rows->nsites; i++) {
		struct plan_site_row *s = &rows->sites[i];

		for (size_t r = 0; r < s->nrel; r++) {
			free(s->rel[r].path); free(s->rel[r].function);
			free(s->rel[r].api); free(s->rel[r].via); free(s->rel[r].cond);
		}
		free(s->rel);
		free(s->path); free(s->function); free(s->api); free(s->flags); free(s->flags_names);
		free(s->result); free(s->reaches); free(s->pages);
		free(s->verdict); free(s->rule); free(s->evidence); free(s->escape);
	}
	for (size_t i = 0; i < rows->nfindings; i++) {
		struct plan_finding_row *f = &rows->findings[i];

		free(f->path); free(f->function); free(f->severity); free(f->message);
		free(f->check); free(f->fingerprint);
	}
	free(rows->sites);
	free(rows->findings);
	memset(rows, 0, sizeof(*rows));
}

/*
 * The other completions: callbacks (not bi_end_io) in which pages of an
 * iov_iter acquire are released, one line per callback and site.
 */
static int print_callbacks(struct facts_db *db, FILE *out)
{
	static const char sql[] =
		"SELECT (SELECT f.path FROM functions fn JOIN files f ON f.id = fn.file_id"
		"        WHERE fn.name = cb.callback ORDER BY f.path LIMIT 1) AS path,"
		"  (SELECT fn.line FROM functions fn JOIN files f ON f.id = fn.file_id"
		"   WHERE fn.name = cb.callback ORDER BY f.path LIMIT 1) AS line,"
		"  cb.callback, c.api, cf.path, c.line, group_concat(DISTINCT r.api)"
		" FROM callback_releases cb JOIN calls c ON c.id = cb.acquire_id"
		" JOIN files cf ON cf.id = c.file_id JOIN calls r ON r.id = cb.release_id"
		" WHERE c.api LIKE 'iov_iter%'"
		"   AND cb.callback NOT IN (SELECT callee FROM flows WHERE kind = 6)"
		" GROUP BY cb.callback, c.id ORDER BY 1, 2, 3, 5, 6";
	sqlite3_stmt *st;
	int rc;

	if (prepare(db, &st, sql))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fprintf(out, "%s:%d: callback %s(): pages of %s at %s:%d: %s\n",
			sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "?",
			sqlite3_column_int(st, 1), sqlite3_column_text(st, 2), sqlite3_column_text(st, 3),
			sqlite3_column_text(st, 4), sqlite3_column_int(st, 5), sqlite3_column_text(st, 6));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_error(db, "print callbacks");
}

/* One origin line of a completion, kept until the flag that may tell the origins apart is known. */
struct origin_row {
	char *text;		/* the line up to the advice */
	int gup;		/* the origin is GUP pages */
	char *flags_set;	/* BIO_* flags set where its bio gets its completion, "," separated, or NULL */
	char *assign;		/* "path:line" where its bio gets its completion */
};

/*
 * The origin of another kind (GUP or not) whose bio gets its completion at the same
 * assignment as v[i]'s: then one bio holds both kinds and no split separates them.
 */
static const struct origin_row *same_bio(const struct origin_row *v, size_t n, size_t i)
{
	for (size_t k = 0; k < n; k++)
		if (v[k].gup != v[i].gup && !strcmp(v[k].assign, v[i].assign))
			return &v[k];
	return NULL;
}

/*
 * A BIO_* flag the completion (or a function it calls) tests, set on the bios
 * of exactly one kind of origin, GUP or not: that flag decides, no split is
 * needed.  Returns it (malloc'ed) or NULL.
 */
static char *deciding_flag(struct facts_db *db, const char *end_io, const struct origin_row *v, size_t n)
{
	static const char sql[] =
		"SELECT DISTINCT dst FROM flows WHERE kind = 7 AND callee = 'bio_flagged'"
		" AND function IN (SELECT ?1 UNION SELECT callee FROM flows WHERE kind = 4 AND function = ?1)"
		" ORDER BY dst";
	sqlite3_stmt *st;
	char *ret = NULL;

	if (prepare(db, &st, sql))
		return NULL;
	sqlite3_bind_text(st, 1, end_io, -1, SQLITE_STATIC);
	while (!ret && sqlite3_step(st) == SQLITE_ROW) {
		const char *flag = (const char *)sqlite3_column_text(st, 0);
		int on_gup = 0, on_other = 0, off_gup = 0, off_other = 0;

		for (size_t i = 0; i < n; i++) {
			int set = v[i].flags_set && strstr(v[i].flags_set, flag);

			on_gup += set && v[i].gup;
			on_other += set && !v[i].gup;
			off_gup += !set && v[i].gup;
			off_other += !set && !v[i].gup;
		}
		if ((on_gup && !off_gup && !on_other) || (on_other && !off_other && !on_gup))
			ret = xstrdup(flag);
	}
	sqlite3_finalize(st);
	return ret;
}

/*
 * Print the balance of every bio completion that GUP pages reach, sorted: one
 * line per completion, then one per origin that reaches it.  A mixed
 * completion gets seed 003's advice: the flag that decides, or the split.
 */
int db_print_end_io(struct facts_db *db, FILE *out, long *unbalanced)
{
	static const char bal_sql[] =
		"SELECT end_io_id, end_io_path, end_io_line, end_io, verdict, origins,"
		"  coalesce(releases, '') FROM end_io_balance ORDER BY end_io_path, end_io_line";
	static const char org_sql[] =
		"SELECT DISTINCT origin_path, origin_line, origin_kind, origin, assign_path, assign_line,"
		"  (SELECT group_concat(DISTINCT f.dst) FROM flows f WHERE f.kind = 7"
		"   AND f.callee = 'bio_set_flag' AND f.file_id = assign_file_id"
		"   AND f.function = assign_function)"
		" FROM end_io_origins WHERE end_io_id = ?"
		" ORDER BY origin_path, origin_line, origin, assign_path, assign_line";
	sqlite3_stmt *b = NULL, *o = NULL;
	struct origin_row *v = NULL;
	size_t alloc = 0;
	int rc = -1;

	*unbalanced = 0;
	if (prepare(db, &b, bal_sql) || prepare(db, &o, org_sql))
		goto finalize;
	while (sqlite3_step(b) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(b, 1);
		const char *end_io = (const char *)sqlite3_column_text(b, 3);
		const char *verdict = (const char *)sqlite3_column_text(b, 4);
		int line = sqlite3_column_int(b, 2), mixed = !strcmp(verdict, "mixed-origin");
		size_t n = 0;
		char *flag;

		*unbalanced += strcmp(verdict, "balanced") != 0;
		sqlite3_bind_int64(o, 1, sqlite3_column_int64(b, 0));
		while (sqlite3_step(o) == SQLITE_ROW) {
			const char *kind = (const char *)sqlite3_column_text(o, 2);

			ALLOC_GROW(v, n + 1, alloc);
			v[n].gup = !strncmp(kind, "gup-", 4);
			v[n].flags_set = col_dup(o, 6);
			v[n].assign = xasprintf("%s:%d", sqlite3_column_text(o, 4), sqlite3_column_int(o, 5));
			v[n++].text = xasprintf("%s:%d: origin: %s %s at %s:%d, bi_end_io set at %s:%d", path,
						line, kind, sqlite3_column_text(o, 3),
						sqlite3_column_text(o, 0), sqlite3_column_int(o, 1),
						sqlite3_column_text(o, 4), sqlite3_column_int(o, 5));
		}
		sqlite3_reset(o);
		flag = mixed ? deciding_flag(db, end_io, v, n) : NULL;
		fprintf(out, "%s:%d: end_io %s(): %s; origins %s; releases %s%s%s%s\n", path, line,
			end_io, verdict, sqlite3_column_text(b, 5),
			*sqlite3_column_text(b, 6) ? (const char *)sqlite3_column_text(b, 6) : "none",
			flag ? "; flag " : "", flag ? flag : "", flag ? " decides" : "");
		for (size_t i = 0; i < n; i++) {
			fputs(v[i].text, out);
			if (flag)
				fprintf(out, " -> %s %s", flag, v[i].flags_set && strstr(v[i].flags_set, flag) ?
					"set" : "not set");
			else if (mixed && same_bio(v, n, i))
				fprintf(out, " -> no split: %s pages get this completion at the same assignment",
					v[i].gup ? "other" : "GUP");
			else if (mixed)
				fprintf(out, " -> %s_%s()", end_io, v[i].gup ? "gup" : "normal");
			fputc('\n', out);
		}
		for (size_t i = 0; i < n; i++) {
			free(v[i].text);
			free(v[i].flags_set);
			free(v[i].assign);
		}
		free(flag);
	}
	if (print_callbacks(db, out))
		goto finalize;
	rc = 0;
finalize:
	free(v);
	sqlite3_finalize(b);
	sqlite3_finalize(o);
	return rc;
}

char *db_file_hash(struct facts_db *db, const char *path)
{
	sqlite3_stmt *st;
	char *ret = NULL;

	if (prepare(db, &st, "SELECT hash FROM files WHERE path = ?"))
		return NULL;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		ret = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return ret;
}
