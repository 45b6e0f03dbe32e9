/* gupcheck plan: print the stored plan of a tree (scanning it first when given a tree) as sorted text or JSON lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "commands.h"
#include "db.h"

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

/* Findings proper: the rows without a check name are probes. */
static size_t count_findings(const struct plan_rows *rows)
{
	size_t n = 0;

	for (size_t i = 0; i < rows->nfindings; i++)
		n += rows->findings[i].check != NULL;
	return n;
}

static void print_text(const struct plan_rows *rows, enum dialect d, int has_extract)
{
	struct line *v = NULL;
	size_t n = 0, alloc = 0;
	long count[4] = { 0 };
	static const char *const verdicts[] = { "ref", "pin", "longterm-pin", "unknown" };

	for (size_t i = 0; i < rows->nsites; i++) {
		const struct plan_site_row *s = &rows->sites[i];
		const char *target = target_acquire(s->api, s->verdict, d, has_extract);
		int add = target_longterm_add(target, s->verdict, s->longterm, d);

		for (int k = 0; k < 4; k++)
			count[k] += !strcmp(s->verdict, verdicts[k]);
		push(&v, &n, &alloc, s->path, s->line, s->col, 0,
		     xasprintf("site: %s()%s%s: %s -> %s%s [%s]: %s", s->api,
			       s->function ? " in " : "", s->function ? s->function : "", s->verdict, target,
			       add ? " + FOLL_LONGTERM" : "", s->rule, s->evidence));
		for (size_t r = 0; r < s->nrel; r++) {
			const struct plan_release_row *rr = &s->rel[r];
			char *how = xasprintf("%s%s%s%s%s", rr->via[0] ? " via " : "", rr->via,
					      rr->dispatched ? " (picked at run time by the pages' kind)" : "",
					      rr->cond ? " if " : "", rr->cond ? rr->cond : "");

			if (rr->dirty)
				push(&v, &n, &alloc, s->path, s->line, s->col, 1,
				     xasprintf("dirty: %s:%d:%d: %s() in %s%s", rr->path, rr->line, rr->col,
					       rr->api, rr->function ? rr->function : "?", how));
			else
				push(&v, &n, &alloc, s->path, s->line, s->col, 1,
				     xasprintf("release: %s:%d:%d: %s() in %s -> %s%s", rr->path, rr->line,
					       rr->col, rr->api, rr->function ? rr->function : "?",
					       rr->dispatched ? rr->api : target_release(rr->api, target, d),
					       how));
			free(how);
		}
	}
	for (size_t i = 0; i < rows->nfindings; i++) {
		const struct plan_finding_row *f = &rows->findings[i];

		if (!f->check)	/* a __gupcheck_where() probe: what the model believes there */
			push(&v, &n, &alloc, f->path, f->line, f->col, 2,
			     xasprintf("probe: %s", f->message));
		else
			push(&v, &n, &alloc, f->path, f->line, f->col, 2,
			     xasprintf("%s: %s [%s]", f->severity, f->message, f->check));
	}
	qsort(v, n, sizeof(*v), by_position);
	printf("# gupcheck plan: %zu sites (ref %ld, pin %ld, longterm-pin %ld, unknown %ld),"
	       " api %s, %zu findings\n", rows->nsites, count[0], count[1], count[2], count[3],
	       dialect_name(d), count_findings(rows));
	for (size_t i = 0; i < n; i++) {
		printf("%s:%d:%d: %s\n", v[i].path, v[i].line, v[i].col, v[i].text);
		free(v[i].text);
	}
	free(v);
}

static void json_str(const char *s)
{
	putchar('"');
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

static void json_field(const char *key, const char *value, int comma)
{
	printf("%s\"%s\":", comma ? "," : "", key);
	if (value)
		json_str(value);
	else
		fputs("null", stdout);
}

static void print_json(const struct plan_rows *rows, enum dialect d, int has_extract)
{
	for (size_t i = 0; i < rows->nsites; i++) {
		const struct plan_site_row *s = &rows->sites[i];
		const char *target = target_acquire(s->api, s->verdict, d, has_extract);
		int add = target_longterm_add(target, s->verdict, s->longterm, d);
		int first = 1;

		printf("{");
		printf("\"line\":%d,\"col\":%d", s->line, s->col);
		json_field("path", s->path, 1);
		json_field("function", s->function, 1);
		json_field("api", s->api, 1);
		json_field("flags", s->flags_names[0] ? s->flags_names : s->flags, 1);
		json_field("verdict", s->verdict, 1);
		json_field("rule", s->rule, 1);
		json_field("target_api", target, 1);
		printf(",\"longterm_add\":%s", add ? "true" : "false");
		json_field("kept_in", s->escape, 1);
		json_field("evidence", s->evidence, 1);
		json_field("result", s->result, 1);
		for (int dirty = 0; dirty < 2; dirty++) {
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
				if (!dirty)
					printf(",\"dispatched\":%s", rr->dispatched ? "true" : "false");
				printf("}");
			}
			printf("]");
		}
		printf(",\"findings\":[");
		for (size_t f = 0; f < rows->nfindings; f++)
			if (rows->findings[f].check && rows->findings[f].acquire_id == s->id) {
				printf("%s", first ? "" : ",");
				json_str(rows->findings[f].check);
				first = 0;
			}
		printf("]}\n");
	}
}

/*
 * The database of what: what itself, or, when what is a kernel tree, a scan of
 * it into a temporary file (*tmp, which the caller unlinks and frees).  NULL
 * after printing an error.
 */
static struct facts_db *open_tree_or_db(const char *what, char **tmp)
{
	const char *t = getenv("TMPDIR");

	*tmp = NULL;
	if (!dir_exists(what))
		return db_open(what);
	*tmp = xasprintf("%s/gupcheck.%ld.db", t && *t ? t : "/tmp", (long)getpid());
	if (scan_run(what, *tmp, (int)sysconf(_SC_NPROCESSORS_ONLN), 1))
		return NULL;
	return db_open(*tmp);
}

int api_dialect(struct facts_db *db, const char *what, const char *api, enum dialect *d)
{
	char *meta = db_get_meta(db, "dialect"), *put_user = db_get_meta(db, "put_user_page");
	enum dialect tree_d = !meta ? DIALECT_PIN : !strcmp(meta, "pin") ? DIALECT_PIN :
			      !strcmp(meta, "put_user_page") ? DIALECT_PUT_USER : DIALECT_OLD;
	int rc = dialect_for_api(api, tree_d, put_user && !strcmp(put_user, "yes"), d);

	if (rc)
		error("%s: --api=%s: the tree has pin_user_pages() but no put_user_page() in"
		      " include/linux/mm.h (on linux-6.1 it comes with kernel-patches/linux-6.1)", what, api);
	free(meta);
	free(put_user);
	return rc;
}

int cmd_plan(int argc, char **argv)
{
	const char *what = NULL, *format = "text", *api = "auto";
	char *tmp = NULL, *meta;
	struct facts_db *db;
	struct plan_rows rows;
	enum dialect d = DIALECT_PIN;
	int has_extract, rc = EXIT_USAGE;

	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "--format=", 9))
			format = argv[i] + 9;
		else if (!strncmp(argv[i], "--api=", 6))
			api = argv[i] + 6;
		else if (argv[i][0] != '-' && !what)
			what = argv[i];
		else
			die("usage: gupcheck plan TREE|FILE.db [--format=text|json] [--api=auto|put_user_page|pin]");
	}
	if (!what)
		die("usage: gupcheck plan TREE|FILE.db [--format=text|json] [--api=auto|put_user_page|pin]");
	if (strcmp(format, "text") && strcmp(format, "json"))
		die("--format=%s: expected text or json", format);
	if (strcmp(api, "auto") && strcmp(api, "pin") && strcmp(api, "put_user_page"))
		die("--api=%s: expected auto, put_user_page or pin", api);
	if (!(db = open_tree_or_db(what, &tmp)))
		goto out;
	if (api_dialect(db, what, api, &d)) {
		db_close(db);
		goto out;
	}
	meta = db_get_meta(db, "has_extract");
	has_extract = meta && !strcmp(meta, "yes");
	free(meta);
	if (!db_load_plan(db, &rows)) {
		if (!strcmp(format, "json"))
			print_json(&rows, d, has_extract);
		else
			print_text(&rows, d, has_extract);
		rc = count_findings(&rows) ? EXIT_FINDINGS : EXIT_CLEAN;
		plan_rows_release(&rows);
	}
	db_close(db);
out:
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	return rc;
}

/* gupcheck end-io: the balance of every bio completion that GUP pages reach (db/schema.sql's end_io_balance). */
int cmd_end_io(int argc, char **argv)
{
	char *tmp = NULL;
	const char *what;
	struct facts_db *db;
	long unbalanced = 0;
	int rc = EXIT_USAGE;

	if (argc != 2 || argv[1][0] == '-')
		die("usage: gupcheck end-io TREE|FILE.db");
	what = argv[1];
	if ((db = open_tree_or_db(what, &tmp))) {
		if (!db_print_end_io(db, stdout, &unbalanced))
			rc = unbalanced ? EXIT_FINDINGS : EXIT_CLEAN;
		db_close(db);
	}
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	return rc;
}
