/* gupcheck cfg: a function's control-flow graph and path summaries printed; cfg_release(). */
#include <stdlib.h>
#include <string.h>
#include "cfg.h"
#include "commands.h"
#include "parse.h"

static const char *dump_fn;
static FILE *dump_out;
static int dump_met;

int cfg_dump_request(const char *fn, FILE *out)
{
	int met = dump_met;

	dump_fn = fn;
	dump_out = out;
	dump_met = 0;
	return met;
}

static const char *const ev_names[NR_CFG_EV] = {
	[EV_ACQUIRE] = "acquire", [EV_RELEASE] = "release", [EV_PASS] = "pass",
	[EV_FREE] = "free", [EV_STORE] = "store", [EV_ASSIGN] = "assign",
	[EV_COUNT_STORE] = "count-store", [EV_RETURN] = "return", [EV_MEMBER_SET] = "member-set",
};

static const char *const value_names[] = {
	[VAL_OTHER] = "other", [VAL_VAR] = "var", [VAL_ACQUIRE] = "acquire",
	[VAL_NEG] = "negative", [VAL_ZERO] = "zero",
};

static void dump_cond(const struct cfg *cfg, int n, FILE *out)
{
	static const char *const rel[] = {
		[R_LT] = "<", [R_LE] = "<=", [R_GT] = ">", [R_GE] = ">=", [R_EQ] = "==",
		[R_NE] = "!=",
	};
	const struct cond_node *c = &cfg->conds[n];

	switch (c->op) {
	case C_AND:
	case C_OR:
		fputc('(', out);
		dump_cond(cfg, c->a, out);
		fputs(c->op == C_AND ? " && " : " || ", out);
		dump_cond(cfg, c->b, out);
		fputc(')', out);
		break;
	case C_NOT:
		fputc('!', out);
		dump_cond(cfg, c->a, out);
		break;
	case C_ATOM:
		fprintf(out, "%s %s %s", c->var, rel[c->rel], c->rhs);
		break;
	default:
		fputc('?', out);
		break;
	}
}

static void dump_event(const struct cfg_event *e, FILE *out)
{
	fprintf(out, "  %u: %s", e->line, ev_names[e->kind]);
	if (e->kind == EV_ACQUIRE)
		fprintf(out, " @%u:%u", e->line, e->col);
	if (e->name)
		fprintf(out, " %s", e->name);
	if (e->kind == EV_PASS || e->kind == EV_FREE)
		fprintf(out, "#%d", e->argno);
	if (e->loc)
		fprintf(out, " %s", e->loc);
	if (e->count)
		fprintf(out, " count=%s", e->count);
	if (e->kind == EV_ASSIGN || e->kind == EV_RETURN)
		fprintf(out, " (%s)", value_names[e->value]);
	fputc('\n', out);
}

void cfg_release(struct cfg *cfg)
{
	for (size_t i = 0; i < cfg->nb; i++) {
		struct cfg_block *b = &cfg->b[i];

		for (size_t j = 0; j < b->nev; j++) {
			free(b->ev[j].name);
			free(b->ev[j].loc);
			free(b->ev[j].count);
		}
		free(b->ev);
		free(b->succ);
		free(b->cond_text);
		free(b->label);
		free(b->loop_bound);
	}
	for (size_t i = 0; i < cfg->nconds; i++) {
		free(cfg->conds[i].var);
		free(cfg->conds[i].rhs);
	}
	free(cfg->b);
	free(cfg->conds);
	free(cfg->function);
	memset(cfg, 0, sizeof(*cfg));
}

void cfg_dump(const struct cfg *cfg, FILE *out)
{
	fprintf(out, "cfg %s: %zu blocks, entry B%d\n", cfg->function, cfg->nb, cfg->entry);
	for (size_t i = 0; i < cfg->nb; i++) {
		const struct cfg_block *b = &cfg->b[i];

		fprintf(out, "B%zu line %u", i, b->line);
		if (b->label)
			fprintf(out, " label %s", b->label);
		if (b->loop_head)
			fprintf(out, " loop B%d-B%d", b->body_first, b->body_end - 1);
		if (b->is_exit)
			fputs(" exit", out);
		fputs(" ->", out);
		for (size_t j = 0; j < b->nsucc; j++)
			fprintf(out, " B%d", b->succ[j]);
		if (b->cond >= 0) {
			fputs(" if ", out);
			dump_cond(cfg, b->cond, out);
		} else if (b->cond_text && b->nsucc > 1) {
			fprintf(out, " switch %s", b->cond_text);
		}
		fputc('\n', out);
		for (size_t j = 0; j < b->nev; j++)
			dump_event(&b->ev[j], out);
	}
}

/* Does a call fact from first_call on count pages (the walk's acquires)? */
static int has_acquire(const struct parse_ctx *ctx, size_t first_call)
{
	for (size_t i = first_call; i < ctx->ff->ncalls; i++) {
		const struct call_fact *a = &ctx->ff->calls[i];

		if (a->api->kind == API_GET || a->api->kind == API_PIN ||
		    a->api->kind == API_LONGTERM)
			return 1;
	}
	return 0;
}

void parse_function_paths(struct parse_ctx *ctx, CXCursor fn, size_t first_call)
{
	int dump = dump_fn && !strcmp(dump_fn, ctx->fn);
	struct cfg cfg = { 0 };

	if (!dump && !has_acquire(ctx, first_call))
		return;
	cfg_build(ctx, fn, &cfg);
	if (dump) {
		cfg_dump(&cfg, dump_out);
		dump_met++;
	}
	path_walk_function(ctx, &cfg);
	cfg_release(&cfg);
}

static const char *const outcome_names[NR_PATH_OUTCOMES] = {
	[PATH_TOTAL] = "paths", [PATH_LIMIT] = "limit", [PATH_LEAK] = "leak",
	[PATH_DOUBLE] = "double", [PATH_COUNT_REQUESTED] = "count-requested",
	[PATH_COUNT_NEGATIVE] = "count-negative", [PATH_RELEASE_CALLEE] = "release-callee",
};

const char *path_outcome_name(enum path_outcome o)
{
	return o < NR_PATH_OUTCOMES ? outcome_names[o] : "?";
}

static void print_paths(const struct file_facts *ff, const char *fn)
{
	for (size_t i = 0; i < ff->npaths; i++) {
		const struct path_fact *pf = &ff->paths[i];
		const char *in = NULL;

		for (size_t j = 0; j < ff->ncalls; j++)
			if (ff->calls[j].line == pf->line && ff->calls[j].col == pf->col)
				in = ff->calls[j].function;
		if (!in || strcmp(in, fn))
			continue;
		printf("path %u:%u %s", pf->line, pf->col, path_outcome_name(pf->outcome));
		if (pf->outcome == PATH_TOTAL) {
			printf(" %u (%s)\n", pf->npaths, pf->detail ? pf->detail : "");
			continue;
		}
		printf(" at %u x%u: %s", pf->exit_line, pf->npaths, pf->lines);
		if (pf->detail)
			printf(" (%s)", pf->detail);
		putchar('\n');
	}
}

int cmd_cfg(int argc, char **argv)
{
	struct kernel_tree tree;
	struct file_facts ff = { 0 };
	CXIndex idx;
	int met;

	if (argc != 4)
		die("usage: gupcheck cfg TREE PATH FUNCTION");
	if (tree_open_file(&tree, argv[1], argv[2]))
		return EXIT_USAGE;
	idx = clang_createIndex(0, 0);
	cfg_dump_request(argv[3], stdout);
	parse_file(idx, &tree, argv[2], &ff);
	met = cfg_dump_request(NULL, NULL);
	clang_disposeIndex(idx);
	if (!met)
		error("%s: no function %s parsed (%s)", argv[2], argv[3],
		      ff.first_diag ? ff.first_diag : "not defined here");
	else
		print_paths(&ff, argv[3]);
	file_facts_release(&ff);
	tree_release(&tree);
	return met ? EXIT_CLEAN : EXIT_USAGE;
}
