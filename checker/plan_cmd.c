/*
 * gupcheck plan: the stored plan of a tree (scanned first if given a tree), as text or JSON
 * site lines, or its findings in a format of report.h (gcc, json-findings, sarif).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "commands.h"
#include "db.h"
#include "report.h"

struct line {
	char *path;
	int line, col, order;
	size_t seq;		/* the database's order, for ties */
	char *text;
};

static int by_position(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line - y->line;
	if (x->col != y->col)
		return x->col - y->col;
	if (x->order != y->order)
		return x->order - y->order;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static void push(struct line **v, size_t *n, size_t *alloc, const char *path, int line, int col,
		 int order, char *text)
{
	ALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[*n] = (struct line){ (char *)path, line, col, order, *n, text };
	(*n)++;
}

/* How the plan is printed: in which dialect, and the findings of which checks. */
struct plan_view {
	enum dialect d;
	int has_extract;
	const struct check_set *checks;
};

/* Is the row a finding (not a probe) of a selected check? */
static int shown(const struct plan_view *pv, const struct plan_finding_row *f)
{
	return f->check && check_set_has(pv->checks, f->check_id);
}

static size_t count_findings(const struct plan_rows *rows, const struct plan_view *pv)
{
	size_t n = 0;

	for (size_t i = 0; i < rows->nfindings; i++)
		n += shown(pv, &rows->findings[i]);
	return n;
}

static const char *site_target(const struct plan_site_row *s, const struct plan_view *pv)
{
	return verdict_acquire_target(s->verdict_id, s->api, pv->d, pv->has_extract);
}

/* Does caller c of site s need FOLL_LONGTERM added at its call (in the helper's flags)? */
static int caller_longterm_add(const struct plan_site_row *s, const struct plan_caller_row *c,
			       const struct plan_view *pv)
{
	const char *target = verdict_acquire_target(c->verdict_id, s->api, pv->d, pv->has_extract);

	return verdict_longterm_add(c->verdict_id, target, s->longterm || c->longterm,
				    pv->d);
}

/*
 * One caller of a helper site, in words: where, its verdict, FOLL_LONGTERM to add at it, the
 * rule, the evidence and the dirtyings its side reaches.  Caller frees.
 */
static char *caller_text(const struct plan_site_row *s, const struct plan_caller_row *c,
			 const struct plan_view *pv)
{
	struct strbuf sb = { 0 };

	strbuf_addf(&sb, "caller: %s:%d in %s: %s%s [%s]: %s", c->path, c->line,
		    c->function ? c->function : "?", verdict_name(c->verdict_id),
		    caller_longterm_add(s, c, pv) ? " + FOLL_LONGTERM" : "", rule_name(c->rule_id),
		    c->evidence);
	for (size_t d = 0; d < c->ndirty; d++)
		strbuf_addf(&sb, "%s%s() at %s:%d in %s", d ? ", " : "; dirty: ", c->dirty[d].api,
			    c->dirty[d].path, c->dirty[d].line,
			    c->dirty[d].function ? c->dirty[d].function : "?");
	return strbuf_detach(&sb);
}

static void print_text(const struct plan_rows *rows, const struct plan_view *pv)
{
	struct line *v = NULL;
	size_t n = 0, alloc = 0;
	long count[NR_VERDICTS] = { 0 };
	enum dialect d = pv->d;

	for (size_t i = 0; i < rows->nsites; i++) {
		const struct plan_site_row *s = &rows->sites[i];
		const char *target = site_target(s, pv);
		int add = verdict_longterm_add(s->verdict_id, target, s->longterm, d);

		count[s->verdict_id]++;
		push(&v, &n, &alloc, s->path, s->line, s->col, 0,
		     xasprintf("site: %s()%s%s: %s -> %s%s [%s]: %s", s->api,
			       s->function ? " in " : "", s->function ? s->function : "",
			       verdict_name(s->verdict_id), target, add ? " + FOLL_LONGTERM" : "",
			       rule_name(s->rule_id), s->evidence));
		for (size_t r = 0; r < s->nrel; r++)
			push(&v, &n, &alloc, s->path, s->line, s->col, 1,
			     report_release_text(&s->rel[r], target, d, 1));
		for (size_t k = 0; s->ncallers > 1 && k < s->ncallers; k++)
			push(&v, &n, &alloc, s->path, s->line, s->col, 1,
			     caller_text(s, &s->callers[k], pv));
		if (s->callers_out)
			push(&v, &n, &alloc, s->path, s->line, s->col, 1,
			     xasprintf("callers: not every caller is in view: %s", s->callers_out));
		if (s->configs)
			push(&v, &n, &alloc, s->path, s->line, s->col, 1,
			     xasprintf("compiled in: %s", s->configs));
	}
	for (size_t i = 0; i < rows->nfindings; i++) {
		const struct plan_finding_row *f = &rows->findings[i];

		if (!f->check)	/* a __gupcheck_where() probe: what the model believes */
			push(&v, &n, &alloc, f->path, f->line, f->col, 2,
			     xasprintf("probe: %s", f->message));
		else if (shown(pv, f))
			push(&v, &n, &alloc, f->path, f->line, f->col, 2,
			     xasprintf("%s: %s [%s]", severity_name(check_severity(f->check_id)),
				       f->message, check_name(f->check_id)));
	}
	qsort(v, n, sizeof(*v), by_position);
	printf("# gupcheck plan: %zu sites (ref %ld, pin %ld, longterm-pin %ld, unknown %ld),"
	       " api %s, %zu findings\n", rows->nsites, count[VERDICT_REF], count[VERDICT_PIN],
	       count[VERDICT_LONGTERM_PIN], count[VERDICT_UNKNOWN], dialect_name(d),
	       count_findings(rows, pv));
	for (size_t i = 0; i < n; i++) {
		printf("%s:%d:%d: %s\n", v[i].path, v[i].line, v[i].col, v[i].text);
		free(v[i].text);
	}
	free(v);
}

static void json_field(const char *key, const char *value, int comma)
{
	printf("%s\"%s\":", comma ? "," : "", key);
	report_json_str(stdout, value);
}

/* The site's releases (dirty 0) or dirtyings (dirty 1) as a JSON array field. */
static void json_releases(const struct plan_site_row *s, const char *target, enum dialect d,
			  int dirty)
{
	int k = 0;

	printf(",\"%s\":[", dirty ? "dirty" : "releases");
	for (size_t r = 0; r < s->nrel; r++) {
		const struct plan_release_row *rr = &s->rel[r];

		if (rr->dirty != dirty)
			continue;
		printf("%s{\"line\":%d", k++ ? "," : "", rr->line);
		json_field("path", rr->path, 1);
		json_field("function", rr->function, 1);
		json_field("api", rr->api, 1);
		if (!dirty)
			json_field("target_api", rr->dispatched ? rr->api :
				   target_release(rr->api, target, d), 1);
		json_field("via", rr->via, 1);
		json_field("condition", rr->cond, 1);
		if (!dirty) {
			printf(",\"dispatched\":%s", rr->dispatched ? "true" : "false");
			json_field("dispatched_by", rr->dispatch_cond, 1);
		}
		printf("}");
	}
	printf("]");
}

/* The site's per-caller verdicts as JSON fields "callers" and "callers_out". */
static void json_callers(const struct plan_site_row *s, const struct plan_view *pv)
{
	printf(",\"callers\":[");
	for (size_t k = 0; k < s->ncallers; k++) {
		const struct plan_caller_row *c = &s->callers[k];

		printf("%s{\"line\":%d", k ? "," : "", c->line);
		json_field("path", c->path, 1);
		json_field("function", c->function, 1);
		json_field("verdict", verdict_name(c->verdict_id), 1);
		json_field("rule", rule_name(c->rule_id), 1);
		printf(",\"longterm_add\":%s,\"keeps\":%s",
		       caller_longterm_add(s, c, pv) ? "true" : "false", c->keeps ? "true" : "false");
		json_field("evidence", c->evidence, 1);
		printf(",\"dirty\":[");
		for (size_t d = 0; d < c->ndirty; d++) {
			printf("%s{\"line\":%d", d ? "," : "", c->dirty[d].line);
			json_field("path", c->dirty[d].path, 1);
			json_field("function", c->dirty[d].function, 1);
			json_field("api", c->dirty[d].api, 1);
			printf("}");
		}
		printf("]}");
	}
	printf("]");
	json_field("callers_out", s->callers_out, 1);
}

static void print_json(const struct plan_rows *rows, const struct plan_view *pv)
{
	for (size_t i = 0; i < rows->nsites; i++) {
		const struct plan_site_row *s = &rows->sites[i];
		const char *target = site_target(s, pv);
		int add = verdict_longterm_add(s->verdict_id, target, s->longterm, pv->d);
		int first = 1;

		printf("{");
		printf("\"line\":%d,\"col\":%d", s->line, s->col);
		json_field("path", s->path, 1);
		json_field("function", s->function, 1);
		json_field("api", s->api, 1);
		json_field("flags", s->flags_names[0] ? s->flags_names : s->flags, 1);
		json_field("verdict", verdict_name(s->verdict_id), 1);
		json_field("rule", rule_name(s->rule_id), 1);
		json_field("target_api", target, 1);
		printf(",\"longterm_add\":%s", add ? "true" : "false");
		json_field("kept_in", s->escape, 1);
		json_field("evidence", s->evidence, 1);
		json_field("result", s->result, 1);
		if (s->configs)
			json_field("configs", s->configs, 1);
		json_releases(s, target, pv->d, 0);
		json_releases(s, target, pv->d, 1);
		json_callers(s, pv);
		printf(",\"findings\":[");
		for (size_t f = 0; f < rows->nfindings; f++) {
			const struct plan_finding_row *fd = &rows->findings[f];

			if (!shown(pv, fd) || fd->acquire_id != s->id)
				continue;
			printf("%s", first ? "" : ",");
			report_json_str(stdout, check_name(fd->check_id));
			first = 0;
		}
		printf("]}\n");
	}
}

static int has_extract(struct facts_db *db)
{
	char *meta = db_get_meta(db, "has_extract");
	int yes = meta && !strcmp(meta, "yes");

	free(meta);
	return yes;
}

/* The findings of the selection in format f: 0, or -1 after an error. */
static int print_report(struct facts_db *db, const struct plan_rows *rows,
			const struct plan_view *pv, enum report_format f)
{
	struct report r;
	int rc = -1;

	if (report_init_db(&r, db, "plan"))
		goto release;
	r.dialect = pv->d;
	report_add_plan(&r, rows, pv->checks);
	rc = report_print(stdout, f, &r);
release:
	report_release(&r);
	return rc;
}

/*
 * --format=: text and json are the plan's own (every site); gcc, json-findings and sarif
 * are report.h's formats of its findings (json-findings is report.h's json, named apart from
 * the site lines).  The report format, or -1 for text and json.
 */
static int report_format_of(const char *format)
{
	if (!strcmp(format, "text") || !strcmp(format, "json"))
		return -1;
	if (!strcmp(format, "json-findings"))
		return REPORT_JSON;
	if (!strcmp(format, "gcc") || !strcmp(format, "sarif"))
		return report_format_from_name(format);
	die("--format=%s: expected text, json, gcc, json-findings or sarif", format);
}

#define PLAN_USAGE "usage: gupcheck plan TREE|FILE.db" \
	" [--format=text|json|gcc|json-findings|sarif]" \
	" [--api=auto|put_user_page|pin] [--checks=A,B] [--no-checks=A,B]"

int cmd_plan(int argc, char **argv)
{
	const char *what = NULL, *format = "text", *api = "auto";
	struct check_set checks = { 0 };
	struct plan_view pv = { .d = DIALECT_PIN, .checks = &checks };
	char *tmp = NULL;
	struct facts_db *db;
	struct plan_rows rows;
	int rc = EXIT_USAGE, rf;

	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "--format=", 9))
			format = argv[i] + 9;
		else if (!strncmp(argv[i], "--api=", 6))
			api = argv[i] + 6;
		else if (check_set_option(&checks, argv[i]))
			continue;
		else if (argv[i][0] != '-' && !what)
			what = argv[i];
		else
			die_usage(PLAN_USAGE, argv[i]);
	}
	if (!what)
		die(PLAN_USAGE);
	rf = report_format_of(format);
	if (strcmp(api, "auto") && strcmp(api, "pin") && strcmp(api, "put_user_page"))
		die("--api=%s: expected auto, put_user_page or pin", api);
	if (!(db = scan_or_open(what, &checks, &tmp)))
		goto out;
	if (api_dialect(db, what, api, &pv.d))
		goto close;
	pv.has_extract = has_extract(db);
	if (db_load_plan(db, &rows))
		goto close;
	if (rf >= 0 && print_report(db, &rows, &pv, rf))
		goto release;
	if (rf < 0 && !strcmp(format, "json"))
		print_json(&rows, &pv);
	else if (rf < 0)
		print_text(&rows, &pv);
	rc = count_findings(&rows, &pv) ? EXIT_FINDINGS : EXIT_CLEAN;
release:
	plan_rows_release(&rows);
close:
	db_close(db);
out:
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	return rc;
}
