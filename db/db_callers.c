/* The per-caller verdicts of helpers in the database: caller_verdicts, caller_dirty, callers_out. */
#include <stdlib.h>
#include <string.h>
#include "db_int.h"

int db_add_callers(struct facts_db *db, const struct plan *p, const struct db_ids *ids)
{
	sqlite3_stmt *cv = NULL, *cd = NULL, *co = NULL;
	int rc = -1;

	if (db_prepare(db, &cv, "INSERT OR IGNORE INTO caller_verdicts(acquire_id, flow_id, verdict,"
		       " rule, evidence, keeps, longterm) VALUES (?, ?, ?, ?, ?, ?, ?)") ||
	    db_prepare(db, &cd, "INSERT OR IGNORE INTO caller_dirty(acquire_id, flow_id, dirty_id)"
		       " VALUES (?, ?, ?)") ||
	    db_prepare(db, &co, "INSERT INTO callers_out(acquire_id, reason) VALUES (?, ?)"))
		goto finalize;
	for (size_t i = 0; i < p->nsites; i++) {
		const struct site *s = &p->sites[i];
		long long site = ids[s->at.file].calls[s->at.call];

		for (size_t k = 0; k < s->ncallers; k++) {
			const struct site_caller *c = &s->callers[k];
			long long flow = ids[c->at.file].flows[c->at.call];

			sqlite3_bind_int64(cv, 1, site);
			sqlite3_bind_int64(cv, 2, flow);
			sqlite3_bind_text(cv, 3, verdict_name(c->verdict), -1, SQLITE_STATIC);
			sqlite3_bind_text(cv, 4, rule_name(c->rule), -1, SQLITE_STATIC);
			sqlite3_bind_text(cv, 5, c->evidence, -1, SQLITE_STATIC);
			sqlite3_bind_int(cv, 6, c->keeps);
			sqlite3_bind_int(cv, 7, c->passes_longterm);
			if (db_step(db, cv, "insert caller verdict"))
				goto finalize;
			for (size_t d = 0; d < c->ndirty; d++) {
				sqlite3_bind_int64(cd, 1, site);
				sqlite3_bind_int64(cd, 2, flow);
				sqlite3_bind_int64(cd, 3, ids[c->dirty[d].file].calls[c->dirty[d].call]);
				if (db_step(db, cd, "insert caller dirtying"))
					goto finalize;
			}
		}
		if (!s->callers_out)
			continue;
		sqlite3_bind_int64(co, 1, site);
		sqlite3_bind_text(co, 2, s->callers_out, -1, SQLITE_STATIC);
		if (db_step(db, co, "insert callers out of view"))
			goto finalize;
	}
	rc = 0;
finalize:
	sqlite3_finalize(cv);
	sqlite3_finalize(cd);
	sqlite3_finalize(co);
	return rc;
}

static const char callers_sql[] =
	"SELECT cv.flow_id, f.path, fl.line, fl.col, fl.function, cv.verdict, cv.rule, cv.evidence,"
	"  cv.keeps, cv.longterm"
	" FROM caller_verdicts cv JOIN flows fl ON fl.id = cv.flow_id JOIN files f ON f.id = fl.file_id"
	" WHERE cv.acquire_id = ? ORDER BY f.path, fl.line, fl.col";
static const char dirty_sql[] =
	"SELECT f.path, c.line, c.col, c.function, c.api, c.cond"
	" FROM caller_dirty d JOIN calls c ON c.id = d.dirty_id JOIN files f ON f.id = c.file_id"
	" WHERE d.acquire_id = ? AND d.flow_id = ? ORDER BY f.path, c.line, c.col";
static const char out_sql[] = "SELECT reason FROM callers_out WHERE acquire_id = ?";

/* The dirtyings of caller c (flow row flow) of site s, from statement d. */
static void read_dirty(sqlite3_stmt *d, long long site, long long flow, struct plan_caller_row *c)
{
	size_t alloc = 0;

	sqlite3_bind_int64(d, 1, site);
	sqlite3_bind_int64(d, 2, flow);
	while (sqlite3_step(d) == SQLITE_ROW) {
		struct plan_release_row *rr;

		ALLOC_GROW(c->dirty, c->ndirty + 1, alloc);
		rr = &c->dirty[c->ndirty++];
		memset(rr, 0, sizeof(*rr));
		rr->path = db_col_dup(d, 0);
		rr->line = sqlite3_column_int(d, 1);
		rr->col = sqlite3_column_int(d, 2);
		rr->function = db_col_dup(d, 3);
		rr->api = db_col_dup(d, 4);
		rr->cond = db_col_dup(d, 5);
		rr->dirty = 1;
	}
	sqlite3_reset(d);
}

/* Row of callers_sql into c; -1 after printing an error. */
static int read_caller(struct facts_db *db, sqlite3_stmt *s, struct plan_caller_row *c)
{
	const char *v = (const char *)sqlite3_column_text(s, 5);
	const char *r = (const char *)sqlite3_column_text(s, 6);
	int vi = verdict_from_name(v), ri = rule_from_name(r);

	memset(c, 0, sizeof(*c));
	c->path = db_col_dup(s, 1);
	c->line = sqlite3_column_int(s, 2);
	c->col = sqlite3_column_int(s, 3);
	c->function = db_col_dup(s, 4);
	c->evidence = db_col_dup(s, 7);
	c->keeps = sqlite3_column_int(s, 8);
	c->longterm = sqlite3_column_int(s, 9);
	if (vi < 0 || ri < 0)
		return error("%s: caller verdict '%s' [%s] unknown to this gupcheck: run 'gupcheck"
			     " scan' again", db->final_path, v, r);
	c->verdict_id = vi;
	c->rule_id = ri;
	return 0;
}

int db_load_callers(struct facts_db *db, struct plan_rows *rows)
{
	sqlite3_stmt *s = NULL, *d = NULL, *o = NULL;
	int rc = -1;

	if (db_prepare(db, &s, callers_sql) || db_prepare(db, &d, dirty_sql) ||
	    db_prepare(db, &o, out_sql))
		goto finalize;
	for (size_t i = 0; i < rows->nsites; i++) {
		struct plan_site_row *site = &rows->sites[i];
		size_t alloc = 0;

		sqlite3_bind_int64(s, 1, site->id);
		while (sqlite3_step(s) == SQLITE_ROW) {
			ALLOC_GROW(site->callers, site->ncallers + 1, alloc);
			if (read_caller(db, s, &site->callers[site->ncallers++])) {
				sqlite3_reset(s);
				goto finalize;
			}
			read_dirty(d, site->id, sqlite3_column_int64(s, 0),
				   &site->callers[site->ncallers - 1]);
		}
		sqlite3_reset(s);
		sqlite3_bind_int64(o, 1, site->id);
		if (sqlite3_step(o) == SQLITE_ROW)
			site->callers_out = db_col_dup(o, 0);
		sqlite3_reset(o);
	}
	rc = 0;
finalize:
	sqlite3_finalize(s);
	sqlite3_finalize(d);
	sqlite3_finalize(o);
	return rc;
}
