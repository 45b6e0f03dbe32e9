/* The plan storage of the database: verdicts, pairs, findings, summaries, bio completions. */
#include <stdlib.h>
#include <string.h>
#include "db_int.h"

/*
 * Insert the n bio completions e that pages reach, by the acquire (column col 3) or the origin
 * (col 4) of row id; ids maps facts to row ids.  0, or -1 after an error.
 */
static int insert_reach(struct facts_db *db, sqlite3_stmt *br, const struct db_ids *ids,
			const struct endio_hit *e, size_t n, int col, sqlite3_int64 id)
{
	for (size_t k = 0; k < n; k++) {
		sqlite3_bind_int64(br, 1, ids[e[k].fn.file].fns[e[k].fn.call]);
		sqlite3_bind_int64(br, 2, ids[e[k].assign.file].flows[e[k].assign.call]);
		sqlite3_bind_int64(br, col, id);
		if (db_step(db, br, "insert bio reach"))
			return -1;
	}
	return 0;
}

/* Store the plan: verdicts, pairs, findings, summaries; ids maps facts to row ids. */
int db_add_plan(struct facts_db *db, const struct plan *p, const struct db_ids *ids)
{
	sqlite3_stmt *v = NULL, *pr = NULL, *fd = NULL, *sm = NULL, *br = NULL, *pb = NULL;
	int rc = -1;

#define ID(r) (ids[(r).file].calls[(r).call])
	if (db_prepare(db, &v, "INSERT INTO verdicts(call_id, verdict, rule, evidence, kept_in, reaches,"
		    " returned, longterm) VALUES (?, ?, ?, ?, ?, ?, ?, ?)") ||
	    db_prepare(db, &pr, "INSERT OR IGNORE INTO pairs(acquire_id, release_id, kind, via,"
		    " dispatched, dispatch_cond) VALUES (?, ?, ?, ?, ?, ?)") ||
	    db_prepare(db, &fd, "INSERT INTO findings(call_id, acquire_id, check_name, severity, message,"
		    " fingerprint) VALUES (?, ?, ?, ?, ?, ?)") ||
	    db_prepare(db, &sm, "INSERT OR IGNORE INTO summaries(function_id, param, call_id, dispatched)"
		    " VALUES (?, ?, ?, ?)") ||
	    db_prepare(db, &br, "INSERT INTO bio_reach(end_io_id, assign_id, acquire_id, origin_id)"
		    " VALUES (?, ?, ?, ?)") ||
	    db_prepare(db, &pb, "INSERT INTO probes(flow_id, belief) VALUES (?, ?)"))
		goto finalize;
	for (size_t i = 0; i < p->nprobes; i++) {
		sqlite3_bind_int64(pb, 1, ids[p->probes[i].at.file].flows[p->probes[i].at.call]);
		sqlite3_bind_text(pb, 2, p->probes[i].belief, -1, SQLITE_STATIC);
		if (db_step(db, pb, "insert probe"))
			goto finalize;
	}
	for (size_t i = 0; i < p->nsites; i++) {
		const struct site *s = &p->sites[i];

		sqlite3_bind_int64(v, 1, ID(s->at));
		sqlite3_bind_text(v, 2, verdict_name(s->verdict), -1, SQLITE_STATIC);
		sqlite3_bind_text(v, 3, rule_name(s->rule), -1, SQLITE_STATIC);
		sqlite3_bind_text(v, 4, s->evidence, -1, SQLITE_STATIC);
		db_bind_opt(v, 5, s->escape);
		db_bind_opt(v, 6, s->unknown);
		sqlite3_bind_int(v, 7, s->returned);
		sqlite3_bind_int(v, 8, s->longterm_by_callers);
		if (db_step(db, v, "insert verdict"))
			goto finalize;
		for (size_t r = 0; r < s->nrel + s->ndirty; r++) {
			const struct reached *x = r < s->nrel ? &s->rel[r] : &s->dirty[r - s->nrel];

			if (r >= s->nrel && !site_dirty_own(s, x->at))
				continue;	/* a caller's: caller_dirty holds it */
			sqlite3_bind_int64(pr, 1, ID(s->at));
			sqlite3_bind_int64(pr, 2, ID(x->at));
			sqlite3_bind_text(pr, 3, r < s->nrel ? "release" : "dirty", -1, SQLITE_STATIC);
			sqlite3_bind_text(pr, 4, x->via, -1, SQLITE_STATIC);
			sqlite3_bind_int(pr, 5, p->dispatched[x->at.file][x->at.call]);
			db_bind_opt(pr, 6, p->dispatch_cond[x->at.file][x->at.call]);
			if (db_step(db, pr, "insert pair"))
				goto finalize;
		}
	}
	for (size_t i = 0; i < p->nfindings; i++) {
		const struct finding *f = &p->findings[i];

		sqlite3_bind_int64(fd, 1, ID(f->at));
		if (f->site >= 0)
			sqlite3_bind_int64(fd, 2, ID(p->sites[f->site].at));
		sqlite3_bind_text(fd, 3, check_name(f->check), -1, SQLITE_STATIC);
		sqlite3_bind_text(fd, 4, severity_name(check_severity(f->check)), -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(fd, 5, f->message, -1, SQLITE_STATIC);
		sqlite3_bind_text(fd, 6, f->fingerprint, -1, SQLITE_STATIC);
		if (db_step(db, fd, "insert finding"))
			goto finalize;
	}
	for (size_t i = 0; i < p->nsums; i++) {
		const struct summary *s = &p->sums[i];

		sqlite3_bind_int64(sm, 1, ids[s->file].fns[s->fn]);
		sqlite3_bind_int(sm, 2, (int)s->param);
		sqlite3_bind_int64(sm, 3, ID(s->release));
		sqlite3_bind_int(sm, 4, p->dispatched[s->release.file][s->release.call]);
		if (db_step(db, sm, "insert summary"))
			goto finalize;
	}
	for (size_t i = 0; i < p->nsites; i++)
		if (insert_reach(db, br, ids, p->sites[i].endios, p->sites[i].nendios, 3,
				 ID(p->sites[i].at)))
			goto finalize;
	for (size_t i = 0; i < p->norigins; i++) {
		const struct origin *o = &p->origins[i];

		if (insert_reach(db, br, ids, o->endios, o->nendios, 4,
				 ids[o->at.file].flows[o->at.call]))
			goto finalize;
	}
	if (db_add_callers(db, p, ids))
		goto finalize;
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

static const char sites_sql[] =
	"SELECT c.id, f.path, c.line, c.col, c.function, c.api, c.flags, c.result,"
	"  coalesce(c.flags_names, ''), v.verdict, v.rule, v.evidence, v.kept_in,"
	"  c.longterm OR v.longterm, v.reaches, v.returned, c.pages,"
	"  (SELECT group_concat(x, ', ') FROM (SELECT sc.config || ' ' || sc.verdict ||"
	"     CASE sc.checks WHEN '' THEN '' ELSE ' (' || sc.checks || ')' END AS x"
	"   FROM site_configs sc JOIN configs g ON g.name = sc.config"
	"   WHERE sc.call_id = c.id ORDER BY g.rowid))"
	" FROM verdicts v JOIN calls c ON c.id = v.call_id JOIN files f ON f.id = c.file_id"
	" ORDER BY f.path, c.line, c.col";
static const char rel_sql[] =
	"SELECT f.path, c.line, c.col, c.function, c.api, p.via, p.dispatched, p.kind, c.cond,"
	"  p.dispatch_cond"
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

/* A name this gupcheck does not know in a column it wrote: the file is not its own. */
static int unknown_name(struct facts_db *db, const char *column, const char *name)
{
	return error("%s: %s '%s' unknown to this gupcheck: run 'gupcheck scan' again",
		     db->final_path, column, name);
}

/* Row of sites_sql into row; -1 after printing an error. */
static int read_site(struct facts_db *db, sqlite3_stmt *s, struct plan_site_row *row)
{
	int v, r;

	memset(row, 0, sizeof(*row));
	row->id = sqlite3_column_int64(s, 0);
	row->path = db_col_dup(s, 1);
	row->line = sqlite3_column_int(s, 2);
	row->col = sqlite3_column_int(s, 3);
	row->function = db_col_dup(s, 4);
	row->api = db_col_dup(s, 5);
	row->flags = db_col_dup(s, 6);
	row->result = db_col_dup(s, 7);
	row->flags_names = db_col_dup(s, 8);
	row->evidence = db_col_dup(s, 11);
	row->escape = db_col_dup(s, 12);
	row->longterm = sqlite3_column_int(s, 13) || strstr(row->flags_names, "FOLL_LONGTERM");
	row->reaches = db_col_dup(s, 14);
	row->returned = sqlite3_column_int(s, 15);
	row->pages = db_col_dup(s, 16);
	row->configs = db_col_dup(s, 17);
	if ((v = verdict_from_name((const char *)sqlite3_column_text(s, 9))) < 0)
		return unknown_name(db, "verdict", (const char *)sqlite3_column_text(s, 9));
	if ((r = rule_from_name((const char *)sqlite3_column_text(s, 10))) < 0)
		return unknown_name(db, "rule", (const char *)sqlite3_column_text(s, 10));
	row->verdict_id = v;
	row->rule_id = r;
	return 0;
}

/* The rows of rel_sql for site row. */
static void read_releases(sqlite3_stmt *r, struct plan_site_row *row)
{
	size_t alloc = 0;

	sqlite3_bind_int64(r, 1, row->id);
	while (sqlite3_step(r) == SQLITE_ROW) {
		struct plan_release_row *rr;

		ALLOC_GROW(row->rel, row->nrel + 1, alloc);
		rr = &row->rel[row->nrel++];
		rr->path = db_col_dup(r, 0);
		rr->line = sqlite3_column_int(r, 1);
		rr->col = sqlite3_column_int(r, 2);
		rr->function = db_col_dup(r, 3);
		rr->api = db_col_dup(r, 4);
		rr->via = db_col_dup(r, 5);
		rr->dispatched = sqlite3_column_int(r, 6);
		rr->dirty = !strcmp((const char *)sqlite3_column_text(r, 7), "dirty");
		rr->cond = db_col_dup(r, 8);
		rr->dispatch_cond = db_col_dup(r, 9);
	}
	sqlite3_reset(r);
}

/* Row of find_sql into f; -1 after printing an error. */
static int read_finding(struct facts_db *db, sqlite3_stmt *fd, struct plan_finding_row *f)
{
	int c;

	memset(f, 0, sizeof(*f));
	f->path = db_col_dup(fd, 0);
	f->line = sqlite3_column_int(fd, 1);
	f->col = sqlite3_column_int(fd, 2);
	f->function = db_col_dup(fd, 3);
	f->severity = db_col_dup(fd, 4);
	f->message = db_col_dup(fd, 5);
	f->check = db_col_dup(fd, 6);
	f->fingerprint = db_col_dup(fd, 7);
	f->acquire_id = sqlite3_column_int64(fd, 8);
	if (!f->check)
		return 0;
	if ((c = check_from_name(f->check)) < 0)
		return unknown_name(db, "check", f->check);
	f->check_id = c;
	return 0;
}

/* Read the stored plan; on failure out is left empty. */
int db_load_plan(struct facts_db *db, struct plan_rows *out)
{
	sqlite3_stmt *s = NULL, *r = NULL, *fd = NULL;
	size_t alloc = 0, falloc = 0;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (db_prepare(db, &s, sites_sql) || db_prepare(db, &r, rel_sql) ||
	    db_prepare(db, &fd, find_sql))
		goto finalize;
	while (sqlite3_step(s) == SQLITE_ROW) {
		ALLOC_GROW(out->sites, out->nsites + 1, alloc);
		if (read_site(db, s, &out->sites[out->nsites++]))
			goto finalize;
		read_releases(r, &out->sites[out->nsites - 1]);
	}
	if (db_load_callers(db, out))
		goto finalize;
	while (sqlite3_step(fd) == SQLITE_ROW) {
		ALLOC_GROW(out->findings, out->nfindings + 1, falloc);
		if (read_finding(db, fd, &out->findings[out->nfindings++]))
			goto finalize;
	}
	rc = 0;
finalize:
	sqlite3_finalize(s);
	sqlite3_finalize(r);
	sqlite3_finalize(fd);
	if (rc)
		plan_rows_release(out);
	return rc;
}

const struct plan_site_row *plan_rows_site(const struct plan_rows *rows, long long acquire_id)
{
	for (size_t i = 0; acquire_id && i < rows->nsites; i++)
		if (rows->sites[i].id == acquire_id)
			return &rows->sites[i];
	return NULL;
}

void plan_rows_release(struct plan_rows *rows)
{
	for (size_t i = 0; i < rows->nsites; i++) {
		struct plan_site_row *s = &rows->sites[i];

		for (size_t r = 0; r < s->nrel; r++) {
			free(s->rel[r].path); free(s->rel[r].function);
			free(s->rel[r].api); free(s->rel[r].via); free(s->rel[r].cond);
			free(s->rel[r].dispatch_cond);
		}
		free(s->rel);
		for (size_t k = 0; k < s->ncallers; k++) {
			struct plan_caller_row *c = &s->callers[k];

			for (size_t d = 0; d < c->ndirty; d++) {
				free(c->dirty[d].path); free(c->dirty[d].function);
				free(c->dirty[d].api); free(c->dirty[d].cond);
			}
			free(c->dirty);
			free(c->path); free(c->function); free(c->evidence);
		}
		free(s->callers);
		free(s->callers_out);
		free(s->configs);
		free(s->path); free(s->function); free(s->api); free(s->flags); free(s->flags_names);
		free(s->result); free(s->reaches); free(s->pages);
		free(s->evidence); free(s->escape);
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

int db_load_bio_reach(struct facts_db *db, struct reach_rows *out)
{
	static const char sql[] =
		"SELECT DISTINCT coalesce(r.acquire_id, 0), fn.name, ef.path, fn.line, fn.is_static,"
		" af.path, fl.line"
		" FROM bio_reach r JOIN functions fn ON fn.id = r.end_io_id JOIN files ef ON ef.id = fn.file_id"
		" JOIN flows fl ON fl.id = r.assign_id JOIN files af ON af.id = fl.file_id"
		" ORDER BY ef.path, fn.line, af.path, fl.line, 1";
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (db_prepare(db, &st, sql))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct reach_row *r;

		ALLOC_GROW(out->v, out->n + 1, alloc);
		r = &out->v[out->n++];
		r->acquire_id = sqlite3_column_int64(st, 0);
		r->end_io = db_col_dup(st, 1);
		r->end_io_path = db_col_dup(st, 2);
		r->end_io_line = sqlite3_column_int(st, 3);
		r->end_io_static = sqlite3_column_int(st, 4);
		r->assign_path = db_col_dup(st, 5);
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

/* The origins of completion row->id, sorted, into row->v. */
static int read_origins(struct facts_db *db, sqlite3_stmt *o, struct end_io_row *row)
{
	size_t alloc = 0;
	int rc;

	sqlite3_bind_int64(o, 1, row->id);
	while ((rc = sqlite3_step(o)) == SQLITE_ROW) {
		struct end_io_origin_row *x;

		ALLOC_GROW(row->v, row->n + 1, alloc);
		x = &row->v[row->n++];
		x->path = db_col_dup(o, 0);
		x->line = sqlite3_column_int(o, 1);
		x->kind = db_col_dup(o, 2);
		x->origin = db_col_dup(o, 3);
		x->assign_path = db_col_dup(o, 4);
		x->assign_line = sqlite3_column_int(o, 5);
		x->flags_set = db_col_dup(o, 6);
	}
	sqlite3_reset(o);
	return rc == SQLITE_DONE ? 0 : db_error(db, "load end_io_origins");
}

/*
 * The callbacks: releases of iov_iter acquires' pages in a callback that is no bio's
 * completion, one row per callback and site, where the callback is defined.
 */
static int read_callbacks(struct facts_db *db, struct end_io_rows *out)
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
		"   AND cb.callback NOT IN (SELECT callee FROM flows WHERE kind ="
		"                           (SELECT kind FROM flow_kinds WHERE name = 'endio'))"
		" GROUP BY cb.callback, c.id ORDER BY 1, 2, 3, 5, 6";
	sqlite3_stmt *st;
	size_t alloc = 0;
	int rc;

	if (db_prepare(db, &st, sql))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct callback_row *cb;

		ALLOC_GROW(out->callbacks, out->ncallbacks + 1, alloc);
		cb = &out->callbacks[out->ncallbacks++];
		cb->path = db_col_dup(st, 0);
		cb->line = sqlite3_column_int(st, 1);
		cb->callback = db_col_dup(st, 2);
		cb->api = db_col_dup(st, 3);
		cb->acquire_path = db_col_dup(st, 4);
		cb->acquire_line = sqlite3_column_int(st, 5);
		cb->releases = db_col_dup(st, 6);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_error(db, "load callbacks");
}

int db_load_end_io(struct facts_db *db, struct end_io_rows *out)
{
	static const char bal_sql[] =
		"SELECT end_io_id, end_io_path, end_io_line, end_io, verdict, origins,"
		"  coalesce(releases, '') FROM end_io_balance ORDER BY end_io_path, end_io_line";
	static const char org_sql[] =
		"SELECT DISTINCT origin_path, origin_line, origin_kind, origin, assign_path,"
		"  assign_line,"
		"  (SELECT group_concat(DISTINCT f.dst) FROM flows f"
		"   WHERE f.kind = (SELECT kind FROM flow_kinds WHERE name = 'flag')"
		"   AND f.callee = 'bio_set_flag' AND f.file_id = assign_file_id"
		"   AND f.function = assign_function)"
		" FROM end_io_origins WHERE end_io_id = ?"
		" ORDER BY origin_path, origin_line, origin, assign_path, assign_line";
	sqlite3_stmt *b = NULL, *o = NULL;
	size_t alloc = 0;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (db_prepare(db, &b, bal_sql) || db_prepare(db, &o, org_sql))
		goto finalize;
	while (sqlite3_step(b) == SQLITE_ROW) {
		struct end_io_row *row;

		ALLOC_GROW(out->v, out->n + 1, alloc);
		row = &out->v[out->n++];
		memset(row, 0, sizeof(*row));
		row->id = sqlite3_column_int64(b, 0);
		row->path = db_col_dup(b, 1);
		row->line = sqlite3_column_int(b, 2);
		row->end_io = db_col_dup(b, 3);
		row->verdict = db_col_dup(b, 4);
		row->origins = db_col_dup(b, 5);
		row->releases = db_col_dup(b, 6);
		if (read_origins(db, o, row))
			goto finalize;
	}
	rc = read_callbacks(db, out);
finalize:
	sqlite3_finalize(b);
	sqlite3_finalize(o);
	if (rc)
		end_io_rows_release(out);
	return rc;
}

void end_io_rows_release(struct end_io_rows *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		struct end_io_row *e = &rows->v[i];

		for (size_t k = 0; k < e->n; k++) {
			free(e->v[k].kind);
			free(e->v[k].origin);
			free(e->v[k].path);
			free(e->v[k].assign_path);
			free(e->v[k].flags_set);
		}
		free(e->v);
		free(e->end_io);
		free(e->path);
		free(e->verdict);
		free(e->origins);
		free(e->releases);
	}
	for (size_t i = 0; i < rows->ncallbacks; i++) {
		struct callback_row *cb = &rows->callbacks[i];

		free(cb->path);
		free(cb->callback);
		free(cb->api);
		free(cb->acquire_path);
		free(cb->releases);
	}
	free(rows->v);
	free(rows->callbacks);
	memset(rows, 0, sizeof(*rows));
}

int db_end_io_tested_flags(struct facts_db *db, const char *end_io, struct strvec *flags)
{
	static const char sql[] =
		"SELECT DISTINCT dst FROM flows"
		" WHERE kind = (SELECT kind FROM flow_kinds WHERE name = 'flag')"
		" AND callee = 'bio_flagged'"
		" AND function IN (SELECT ?1 UNION SELECT callee FROM flows"
		"                  WHERE kind = (SELECT kind FROM flow_kinds WHERE name = 'call')"
		"                  AND function = ?1)"
		" ORDER BY dst";
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, &st, sql))
		return -1;
	sqlite3_bind_text(st, 1, end_io, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (sqlite3_column_text(st, 0))
			strvec_push(flags, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_error(db, "load tested flags");
}
