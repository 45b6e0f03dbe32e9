/* The printers of findings (gcc-style text, JSON lines, SARIF 2.1.0) and the model they share. */
#include <stdlib.h>
#include <string.h>
#include "db.h"
#include "report.h"
#include "version.h"

static const char *const format_names[NR_REPORT_FORMATS] = {
	[REPORT_GCC] = "gcc",
	[REPORT_JSON] = "json",
	[REPORT_SARIF] = "sarif",
};

const char *report_format_name(enum report_format f)
{
	return format_names[f];
}

int report_format_from_name(const char *name)
{
	return name_lookup(format_names, NR_REPORT_FORMATS, name);
}

/* The model */

struct report_item *report_add(struct report *r, enum check check, const char *path, int line,
			       int col, const char *function, const char *message,
			       const char *fingerprint)
{
	struct report_item *it;

	ALLOC_GROW(r->items, r->n + 1, r->alloc);
	it = &r->items[r->n++];
	memset(it, 0, sizeof(*it));
	it->check = check;
	it->path = xstrdup(path ? path : "");
	it->line = line;
	it->col = col;
	it->function = function ? xstrdup(function) : NULL;
	it->message = xstrdup(message ? message : "");
	it->fingerprint = fingerprint ? xstrdup(fingerprint) : NULL;
	return it;
}

void report_item_add_related(struct report_item *it, const char *path, int line, int col,
			     const char *message)
{
	struct report_loc *l;

	ALLOC_GROW(it->related, it->nrelated + 1, it->related_alloc);
	l = &it->related[it->nrelated++];
	l->path = xstrdup(path ? path : "");
	l->line = line;
	l->col = col;
	l->message = xstrdup(message ? message : "");
}

char *report_release_text(const struct plan_release_row *rr, const char *target, enum dialect d,
			  int place)
{
	const char *fn = rr->function ? rr->function : "?";
	const char *to = rr->dispatched ? rr->api : target_release(rr->api, target, d);
	char *picked = !rr->dispatched ? xstrdup("") : rr->dispatch_cond ?
		       xasprintf(" (picked at run time by `%s`)", rr->dispatch_cond) :
		       xstrdup(" (picked at run time by the pages' kind)");
	char *how = xasprintf("%s%s%s%s%s", rr->via[0] ? " via " : "", rr->via, picked,
			      rr->cond ? " if " : "", rr->cond ? rr->cond : "");
	char *at = place ? xasprintf("%s:%d:%d: ", rr->path, rr->line, rr->col) : xstrdup("");
	char *text;

	if (rr->dirty)
		text = xasprintf("dirty: %s%s() in %s%s", at, rr->api, fn, how);
	else
		text = xasprintf("release: %s%s() in %s -> %s%s", at, rr->api, fn, to, how);
	free(at);
	free(how);
	free(picked);
	return text;
}

/* Site s's acquire, releases and dirtyings as the related locations of it. */
static void add_site(struct report *r, struct report_item *it, const struct plan_site_row *s)
{
	const char *target = verdict_acquire_target(s->verdict_id, s->api, r->dialect,
						    r->has_extract);
	char *text = xasprintf("acquire: %s()%s%s", s->api, s->function ? " in " : "",
			       s->function ? s->function : "");

	report_item_add_related(it, s->path, s->line, s->col, text);
	free(text);
	for (size_t i = 0; i < s->nrel; i++) {
		text = report_release_text(&s->rel[i], target, r->dialect, 0);
		report_item_add_related(it, s->rel[i].path, s->rel[i].line, s->rel[i].col, text);
		free(text);
	}
	it->flow = s->nrel > 0;
}

void report_add_plan(struct report *r, const struct plan_rows *rows,
		     const struct check_set *checks)
{
	for (size_t i = 0; i < rows->nfindings; i++) {
		const struct plan_finding_row *f = &rows->findings[i];
		const struct plan_site_row *s = plan_rows_site(rows, f->acquire_id);
		struct report_item *it;

		if (!f->check || !check_set_has(checks, f->check_id))
			continue;
		it = report_add(r, f->check_id, f->path, f->line, f->col, f->function, f->message,
				f->fingerprint);
		if (s)
			add_site(r, it, s);
	}
}

/* s with every "root/" taken out (malloc'ed): diagnostics name files relative to the tree. */
static char *relative_to(const char *s, const char *root)
{
	struct strbuf sb = { 0 };
	char *prefix = xasprintf("%s/", root);
	const char *hit;

	while ((hit = strstr(s, prefix))) {
		strbuf_add(&sb, s, hit - s);
		s = hit + strlen(prefix);
	}
	strbuf_addstr(&sb, s);
	free(prefix);
	return strbuf_detach(&sb);
}

int report_init_db(struct report *r, struct facts_db *db, const char *command)
{
	struct strvec problems = { 0 };
	char *configured, *extract;

	memset(r, 0, sizeof(*r));
	r->command = command;
	r->tree = db_get_meta(db, "tree");
	configured = db_get_meta(db, "configured");
	r->degraded = configured && strcmp(configured, "yes");
	free(configured);
	extract = db_get_meta(db, "has_extract");
	r->has_extract = extract && !strcmp(extract, "yes");
	free(extract);
	if (api_dialect(db, "", "auto", &r->dialect) || db_parse_problems(db, &problems))
		return -1;
	for (size_t i = 0; i < problems.n; i++) {
		char *rel = r->tree ? relative_to(problems.v[i], r->tree) : xstrdup(problems.v[i]);

		strvec_push(&r->parse_problems, rel);
		free(rel);
	}
	strvec_clear(&problems);
	return 0;
}

static void item_release(struct report_item *it)
{
	for (size_t i = 0; i < it->nrelated; i++) {
		free(it->related[i].path);
		free(it->related[i].message);
	}
	free(it->related);
	free(it->path);
	free(it->function);
	free(it->message);
	free(it->fingerprint);
}

void report_release(struct report *r)
{
	for (size_t i = 0; i < r->n; i++)
		item_release(&r->items[i]);
	free(r->items);
	free(r->tree);
	strvec_clear(&r->parse_problems);
	memset(r, 0, sizeof(*r));
}

/* The order every format prints in */

static int by_position(const void *a, const void *b)
{
	const struct report_item *x = *(const struct report_item *const *)a;
	const struct report_item *y = *(const struct report_item *const *)b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	c = strcmp(check_name(x->check), check_name(y->check));
	return c ? c : strcmp(x->message, y->message);
}

/* r's items in print order; the caller frees the array (not the items). */
static const struct report_item **sorted(const struct report *r)
{
	const struct report_item **v = xcalloc(r->n + 1, sizeof(*v));

	for (size_t i = 0; i < r->n; i++)
		v[i] = &r->items[i];
	qsort(v, r->n, sizeof(*v), by_position);
	return v;
}

/* gcc-style text */

/* s with control bytes and backslashes as \ooo, so that a finding stays one line. */
static void gcc_put(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			fprintf(out, "\\%03o", *p);
		else
			fputc(*p, out);
	}
}

static void gcc_line(FILE *out, const char *path, int line, int col, const char *kind,
		     const char *message, const char *check)
{
	gcc_put(out, path);
	fprintf(out, ":%d:%d: %s: ", line, col, kind);
	gcc_put(out, message);
	if (check)
		fprintf(out, " [%s]", check);
	fputc('\n', out);
}

static void print_gcc(FILE *out, const struct report_item **v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct report_item *it = v[i];
		const char *name = check_name(it->check);

		if (it->fixed) {
			char *text = xasprintf("fixed: %s", it->message);

			gcc_line(out, it->path, it->line, it->col, "note", text, name);
			free(text);
		} else {
			gcc_line(out, it->path, it->line, it->col,
				 severity_name(check_severity(it->check)), it->message, name);
		}
		for (size_t k = 0; k < it->nrelated; k++)
			gcc_line(out, it->related[k].path, it->related[k].line, it->related[k].col,
				 "note", it->related[k].message, NULL);
	}
}

/* JSON */

/*
 * The length of the valid UTF-8 sequence at s (1 to 4), or 0 when s starts none: a stray
 * continuation byte, an overlong form, a surrogate, a code point above U+10FFFF, a sequence
 * cut short (by the terminating NUL too).
 */
static size_t utf8_len(const unsigned char *s)
{
	unsigned int cp, min;
	size_t n;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f, min = 0x80;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3, cp = s[0] & 0x0f, min = 0x800;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void report_json_str(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	if (!s) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	while (*p) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p < 0x20)
			fprintf(out, "\\u%04x", *p);
		else if ((n = utf8_len(p))) {
			fwrite(p, 1, n, out);
			p += n;
			continue;
		} else
			fputs("\\ufffd", out);
		p++;
	}
	fputc('"', out);
}

/* ,"key":"value" (first: without the comma). */
static void json_field(FILE *out, const char *key, const char *value, int first)
{
	fprintf(out, "%s\"%s\":", first ? "" : ",", key);
	report_json_str(out, value);
}

static void json_strings(FILE *out, const struct strvec *sv)
{
	fputc('[', out);
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			fputc(',', out);
		report_json_str(out, sv->v[i]);
	}
	fputc(']', out);
}

static void json_item(FILE *out, const struct report_item *it)
{
	fputc('{', out);
	json_field(out, "type", "finding", 1);
	json_field(out, "check", check_name(it->check), 0);
	json_field(out, "severity", severity_name(check_severity(it->check)), 0);
	json_field(out, "path", it->path, 0);
	fprintf(out, ",\"line\":%d,\"col\":%d", it->line, it->col);
	json_field(out, "function", it->function, 0);
	json_field(out, "message", it->message, 0);
	json_field(out, "fingerprint", it->fingerprint, 0);
	fputs(",\"related\":[", out);
	for (size_t k = 0; k < it->nrelated; k++) {
		const struct report_loc *l = &it->related[k];

		fputs(k ? ",{" : "{", out);
		json_field(out, "path", l->path, 1);
		fprintf(out, ",\"line\":%d,\"col\":%d", l->line, l->col);
		json_field(out, "message", l->message, 0);
		fputc('}', out);
	}
	fprintf(out, "],\"fixed\":%s}\n", it->fixed ? "true" : "false");
}

static void print_json(FILE *out, const struct report *r, const struct report_item **v)
{
	fputc('{', out);
	json_field(out, "type", "run", 1);
	json_field(out, "command", r->command, 0);
	json_field(out, "tree", r->tree, 0);
	fprintf(out, ",\"degraded\":%s,\"parse_problems\":", r->degraded ? "true" : "false");
	json_strings(out, &r->parse_problems);
	fputs("}\n", out);
	for (size_t i = 0; i < r->n; i++)
		json_item(out, v[i]);
}

/* SARIF 2.1.0 */

/*
 * GitHub code scanning's hard limits on an uploaded SARIF file ("SARIF results exceed hard
 * limit" in its documentation), which a gate's upload must stay under: 20 runs per file (we
 * write one), 25,000 results and 25,000 rules per run (we have NR_CHECKS rules), 100 tool
 * extensions (none), 1,000 locations per result and 10,000 thread flow locations per result.
 * Results and related locations beyond them are left out and said so in run.properties
 * ("truncated"); a result's related locations are kept under 1,000 with its primary location
 * counted, and its one thread flow repeats them, so it stays under 10,000.  Its other
 * requirements: ruleId, message.text and one physical location with a relative
 * artifactLocation.uri per result; rules with id, shortDescription, fullDescription, help and
 * defaultConfiguration.level; partialFingerprints to follow a result across runs.  (The 10 MB
 * compressed upload size is not checked.)
 */
enum {
	SARIF_MAX_RESULTS = 25000,
	SARIF_MAX_RELATED = 1000 - 1,
};

/* s percent-encoded as RFC 3986 asks of a path: all but unreserved characters and '/'. */
static void uri_put(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			fputc(*p, out);
		else
			fprintf(out, "%%%02X", *p);
	}
}

static const char *sarif_level(enum check c)
{
	return check_severity(c) == SEV_ERROR ? "error" : "warning";
}

/* A SARIF location object: id (-1: none), place, message (NULL: none), function (NULL: none). */
static void sarif_location(FILE *out, int id, const char *path, int line, int col,
			   const char *message, const char *function)
{
	fputc('{', out);
	if (id >= 0)
		fprintf(out, "\"id\":%d,", id);
	fputs("\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"", out);
	uri_put(out, path);
	fputs("\",\"uriBaseId\":\"SRCROOT\"}", out);
	if (line > 0) {
		fprintf(out, ",\"region\":{\"startLine\":%d", line);
		if (col > 0)
			fprintf(out, ",\"startColumn\":%d", col);
		fputc('}', out);
	}
	fputc('}', out);
	if (message) {
		fputs(",\"message\":{\"text\":", out);
		report_json_str(out, message);
		fputc('}', out);
	}
	if (function) {
		fputs(",\"logicalLocations\":[{\"kind\":\"function\",\"name\":", out);
		report_json_str(out, function);
		fputs("}]", out);
	}
	fputc('}', out);
}

static void sarif_text(FILE *out, const char *key, const char *text)
{
	fprintf(out, ",\"%s\":{\"text\":", key);
	report_json_str(out, text);
	fputc('}', out);
}

static void sarif_rules(FILE *out)
{
	for (int c = 0; c < NR_CHECKS; c++) {
		fputs(c ? ",{" : "{", out);
		json_field(out, "id", check_name(c), 1);
		sarif_text(out, "shortDescription", check_summary(c));
		sarif_text(out, "fullDescription", check_help(c));
		sarif_text(out, "help", check_help(c));
		fprintf(out, ",\"defaultConfiguration\":{\"level\":\"%s\"}}", sarif_level(c));
	}
}

/* The related locations of it, and its codeFlow when they are its evidence. */
static void sarif_related(FILE *out, const struct report_item *it, size_t n)
{
	fputs(",\"relatedLocations\":[", out);
	for (size_t k = 0; k < n; k++) {
		if (k)
			fputc(',', out);
		sarif_location(out, (int)k + 1, it->related[k].path, it->related[k].line,
			       it->related[k].col, it->related[k].message, NULL);
	}
	fputc(']', out);
	if (!it->flow)
		return;
	fputs(",\"codeFlows\":[{\"threadFlows\":[{\"locations\":[", out);
	for (size_t k = 0; k < n; k++) {
		fputs(k ? ",{\"location\":" : "{\"location\":", out);
		sarif_location(out, -1, it->related[k].path, it->related[k].line,
			       it->related[k].col, it->related[k].message, NULL);
		fputc('}', out);
	}
	fputs("]}]}]", out);
}

static void sarif_result(FILE *out, const struct report_item *it, size_t *cut)
{
	size_t n = it->nrelated;

	if (n > SARIF_MAX_RELATED) {
		(*cut)++;
		n = SARIF_MAX_RELATED;
	}
	fputc('{', out);
	json_field(out, "ruleId", check_name(it->check), 1);
	fprintf(out, ",\"ruleIndex\":%d,\"level\":\"%s\"", (int)it->check, sarif_level(it->check));
	sarif_text(out, "message", it->message);
	fputs(",\"locations\":[", out);
	sarif_location(out, -1, it->path, it->line, it->col, NULL, it->function);
	fputc(']', out);
	if (it->fingerprint) {
		fputs(",\"partialFingerprints\":{\"gupcheck/v1\":", out);
		report_json_str(out, it->fingerprint);
		fputc('}', out);
	}
	if (n)
		sarif_related(out, it, n);
	fputc('}', out);
}

/* run.properties: what the scan was, and what was left out. */
static void sarif_properties(FILE *out, const struct report *r, size_t results, size_t shown,
			     size_t fixed, size_t cut)
{
	fprintf(out, ",\"properties\":{\"command\":");
	report_json_str(out, r->command);
	fprintf(out, ",\"degraded\":%s,\"parseProblems\":", r->degraded ? "true" : "false");
	json_strings(out, &r->parse_problems);
	fprintf(out, ",\"fixedFindings\":%zu,\"truncated\":[", fixed);
	if (shown < results)
		fprintf(out, "\"results: %zu of %zu kept (GitHub's limit per run)\"", shown,
			results);
	if (cut)
		fprintf(out, "%s\"relatedLocations: %zu results keep only their first %d\"",
			shown < results ? "," : "", cut, SARIF_MAX_RELATED);
	fputs("]}", out);
}

/*
 * The log: one run, its rules (every check, in check_list.h order: ruleIndex is the check),
 * its results (fixed items are not results: GitHub closes an alert whose result is gone; they
 * are counted in properties.fixedFindings).
 */
static void print_sarif(FILE *out, const struct report *r, const struct report_item **v)
{
	size_t results = 0, shown = 0, fixed = 0, cut = 0;

	fputs("{\"$schema\":\"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
	      "sarif-schema-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{",
	      out);
	json_field(out, "name", "gupcheck", 1);
	json_field(out, "version", GUPCHECK_VERSION, 0);
	fputs(",\"rules\":[", out);
	sarif_rules(out);
	fputs("]}}", out);
	if (r->tree) {
		fputs(",\"originalUriBaseIds\":{\"SRCROOT\":{\"uri\":\"file://", out);
		uri_put(out, r->tree);
		fputs(r->tree[0] && r->tree[strlen(r->tree) - 1] == '/' ? "\"}}" : "/\"}}", out);
	}
	fputs(",\"invocations\":[{\"executionSuccessful\":true}],\"results\":[", out);
	for (size_t i = 0; i < r->n; i++) {
		if (v[i]->fixed) {
			fixed++;
			continue;
		}
		if (results++ >= SARIF_MAX_RESULTS)
			continue;
		if (shown++)
			fputc(',', out);
		sarif_result(out, v[i], &cut);
	}
	fputc(']', out);
	sarif_properties(out, r, results, shown, fixed, cut);
	fputs("}]}\n", out);
}

int report_print(FILE *out, enum report_format f, const struct report *r)
{
	const struct report_item **v = sorted(r);

	if (f == REPORT_GCC)
		print_gcc(out, v, r->n);
	else if (f == REPORT_JSON)
		print_json(out, r, v);
	else
		print_sarif(out, r, v);
	free(v);
	return ferror(out) ? -1 : 0;
}
