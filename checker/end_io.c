/*
 * gupcheck end-io: the balance of every bio completion GUP pages reach (db/schema.sql's
 * end_io_balance), and for a completion of mixed origins seed 003's advice: the flag that
 * tells the origins apart, or the split into _gup and _normal completions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "commands.h"
#include "db.h"

static int is_gup(const struct end_io_origin_row *o)
{
	return !strncmp(o->kind, "gup-", 4);
}

static int same_assign(const struct end_io_origin_row *a, const struct end_io_origin_row *b)
{
	return a->assign_line == b->assign_line && !strcmp(a->assign_path, b->assign_path);
}

/* Is flag among the flags set on o's bio?  (A substring test, as the report has it.) */
static int flag_set(const struct end_io_origin_row *o, const char *flag)
{
	return o->flags_set && strstr(o->flags_set, flag);
}

/*
 * The origin of another kind (GUP or not) whose bio gets its completion at the same
 * assignment as e->v[i]'s: then one bio holds both kinds and no split separates them.
 */
static const struct end_io_origin_row *same_bio(const struct end_io_row *e, size_t i)
{
	for (size_t k = 0; k < e->n; k++)
		if (is_gup(&e->v[k]) != is_gup(&e->v[i]) && same_assign(&e->v[k], &e->v[i]))
			return &e->v[k];
	return NULL;
}

/* Is flag set on the bios of exactly one kind of origin (all GUP ones and no other, or reverse)? */
static int flag_decides(const struct end_io_row *e, const char *flag)
{
	int on_gup = 0, on_other = 0, off_gup = 0, off_other = 0;

	for (size_t i = 0; i < e->n; i++) {
		int set = flag_set(&e->v[i], flag), gup = is_gup(&e->v[i]);

		on_gup += set && gup;
		on_other += set && !gup;
		off_gup += !set && gup;
		off_other += !set && !gup;
	}
	return (on_gup && !off_gup && !on_other) || (on_other && !off_other && !on_gup);
}

/*
 * A BIO_* flag the completion (or a function it calls) tests that decides between its
 * origins: then no split is needed.  *flag is the first in name order (malloc'ed), or NULL.
 */
static int deciding_flag(struct facts_db *db, const struct end_io_row *e, char **flag)
{
	struct strvec tested = { 0 };

	*flag = NULL;
	if (db_end_io_tested_flags(db, e->end_io, &tested))
		return -1;
	for (size_t i = 0; i < tested.n && !*flag; i++)
		if (flag_decides(e, tested.v[i]))
			*flag = xstrdup(tested.v[i]);
	strvec_clear(&tested);
	return 0;
}

/* Print the advice for origin i of a mixed completion (nothing for another). */
static void print_advice(FILE *out, const struct end_io_row *e, size_t i, int mixed,
			 const char *flag)
{
	const struct end_io_origin_row *o = &e->v[i];

	if (flag)
		fprintf(out, " -> %s %s", flag, flag_set(o, flag) ? "set" : "not set");
	else if (mixed && same_bio(e, i))
		fprintf(out, " -> no split: %s pages get this completion at the same assignment",
			is_gup(o) ? "other" : "GUP");
	else if (mixed)
		fprintf(out, " -> %s_%s()", e->end_io, is_gup(o) ? "gup" : "normal");
}

/* One completion's line, then one per origin that reaches it. */
static int print_end_io(struct facts_db *db, FILE *out, const struct end_io_row *e)
{
	int mixed = !strcmp(e->verdict, "mixed-origin");
	char *flag = NULL;

	if (mixed && deciding_flag(db, e, &flag))
		return -1;
	fprintf(out, "%s:%d: end_io %s(): %s; origins %s; releases %s%s%s%s\n", e->path, e->line,
		e->end_io, e->verdict, e->origins, *e->releases ? e->releases : "none",
		flag ? "; flag " : "", flag ? flag : "", flag ? " decides" : "");
	for (size_t i = 0; i < e->n; i++) {
		const struct end_io_origin_row *o = &e->v[i];

		fprintf(out, "%s:%d: origin: %s %s at %s:%d, bi_end_io set at %s:%d", e->path,
			e->line, o->kind, o->origin, o->path, o->line, o->assign_path,
			o->assign_line);
		print_advice(out, e, i, mixed, flag);
		fputc('\n', out);
	}
	free(flag);
	return 0;
}

int end_io_report(struct facts_db *db, FILE *out, long *unbalanced)
{
	struct end_io_rows rows;
	int rc = 0;

	*unbalanced = 0;
	if (db_load_end_io(db, &rows))
		return -1;
	for (size_t i = 0; i < rows.n && !rc; i++) {
		*unbalanced += strcmp(rows.v[i].verdict, "balanced") != 0;
		rc = print_end_io(db, out, &rows.v[i]);
	}
	for (size_t i = 0; i < rows.ncallbacks && !rc; i++) {
		const struct callback_row *cb = &rows.callbacks[i];

		fprintf(out, "%s:%d: callback %s(): pages of %s at %s:%d: %s\n",
			cb->path ? cb->path : "?", cb->line, cb->callback, cb->api,
			cb->acquire_path, cb->acquire_line, cb->releases);
	}
	end_io_rows_release(&rows);
	return rc;
}

int cmd_end_io(int argc, char **argv)
{
	char *tmp = NULL;
	struct facts_db *db;
	long unbalanced = 0;
	int rc = EXIT_USAGE;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
		die_usage("usage: gupcheck end-io TREE|FILE.db", argv[argc > 2 ? 2 : 1]);
	if (argc != 2)
		die("usage: gupcheck end-io TREE|FILE.db");
	if ((db = scan_or_open(argv[1], NULL, &tmp))) {
		if (!end_io_report(db, stdout, &unbalanced))
			rc = unbalanced ? EXIT_FINDINGS : EXIT_CLEAN;
		db_close(db);
	}
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	return rc;
}
