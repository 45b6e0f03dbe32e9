/* A function's control-flow graph (parse_cfg.c) and the path walk over it (path_walk.c). */
#ifndef GUPCHECK_CFG_H
#define GUPCHECK_CFG_H

#include <stdio.h>
#include "parse_ctx.h"

/* What a statement does that the path walk cares about, in the order it does it. */
enum cfg_ev_kind {
	EV_ACQUIRE,	/* a GUP-family acquire that counts pages (line, col; name: its result var) */
	EV_RELEASE,	/* a release API call: loc its pages, count its count text */
	EV_PASS,	/* argument argno (loc) given to callee name, a function with no kernel role */
	EV_FREE,	/* loc freed by name (kernel.def FREE) */
	EV_STORE,	/* loc assigned into a field or global (name: the destination) */
	EV_ASSIGN,	/* variable name = a value of class value (loc: the source variable) */
	EV_COUNT_STORE,	/* variable loc's value assigned into a field or global */
	EV_RETURN,	/* return: loc the value's location, name its variable, value its class */
	EV_MEMBER_SET,	/* a field of the object variable name points to is assigned */
	NR_CFG_EV
};

/* What a value assigned or returned is, as far as the result's facts go. */
enum cfg_value { VAL_OTHER, VAL_VAR, VAL_ACQUIRE, VAL_NEG, VAL_ZERO };

struct cfg_event {
	enum cfg_ev_kind kind;
	unsigned line, col;
	char *name, *loc, *count;	/* owned; NULL when the kind has none */
	int argno;
	enum cfg_value value;
	/*
	 * EV_RELEASE of some pages only: in an if on a page test (PageReserved(), is_zero_pfn()),
	 * or of an element or tail at a constant index (pages[0], &pages[1])
	 */
	int selective;
	/* EV_RELEASE of one element at a variable index (pages[i]): each iteration another one */
	int element;
	/*
	 * EV_RELEASE in an if that tests its element non-NULL ("if (pages[i]) put_page(pages[i])"):
	 * it releases the entries the acquire filled, whatever the loop's count
	 */
	int filled_only;
};

/* A condition, compiled: the nodes of an and/or/not tree over comparisons. */
enum cond_op { C_UNKNOWN, C_AND, C_OR, C_NOT, C_ATOM };
enum cond_rel { R_LT, R_LE, R_GT, R_GE, R_EQ, R_NE };
struct cond_node {
	enum cond_op op;
	int a, b;		/* children (indexes in the cfg's conds) */
	/* C_ATOM: var (a variable, or "@L:C", the acquire call at L:C itself) rel rhs */
	char *var, *rhs;
	enum cond_rel rel;
};

/*
 * A basic block: its events, then its successors.  With a condition (cond >= 0), succ[0] is
 * taken when it holds and succ[1] when not; a switch has one successor per case.
 */
struct cfg_block {
	unsigned line;
	struct cfg_event *ev;
	size_t nev, ev_alloc;
	int *succ;
	size_t nsucc, succ_alloc;
	int cond;		/* root in conds, or -1 */
	char *cond_text;	/* as written, for the dump */
	int is_exit;		/* a return, or the end of the function */
	char *label;		/* a goto label that starts it, or NULL */
	/*
	 * a loop head: its body is blocks [body_first, body_end), its exit succ[1]; a switch
	 * head: its body (each case a successor) is blocks [body_first, body_end)
	 */
	int loop_head, switch_head;
	/*
	 * an if: its then arm is succ[0] and blocks [succ[1] + 1, then_end), its else arm succ[1]
	 * and blocks [then_end, else_end) (where lowering put them)
	 */
	int then_end, else_end;
	int body_first, body_end;
	char *loop_bound;	/* the innermost loop's "i < X" bound X around the block, or NULL */
};

struct cfg {
	char *function;
	unsigned end_line;
	struct cfg_block *b;
	size_t nb, b_alloc;
	struct cond_node *conds;
	size_t nconds, conds_alloc;
	int entry;
};

/*
 * Build the control-flow graph of the function definition fn (ctx->buf holds the file's text)
 * into cfg, which the caller zeroes and releases with cfg_release().
 */
void cfg_build(struct parse_ctx *ctx, CXCursor fn, struct cfg *cfg);
void cfg_release(struct cfg *cfg);
/* Print the blocks, events, edges and conditions, one line each. */
void cfg_dump(const struct cfg *cfg, FILE *out);
/*
 * The function fn just visited (its call facts from first_call on): when it holds a counting
 * acquire, or is the function cfg_dump_request() asked for, build its graph, walk its
 * acquires' paths (path_walk_function()) and release the graph.
 */
void parse_function_paths(struct parse_ctx *ctx, CXCursor fn, size_t first_call);
/*
 * For gupcheck cfg only (one parse at a time): dump the graph of the function named fn to out
 * when a parse meets it.  NULL fn stops it; returns how many such functions were met.
 */
int cfg_dump_request(const char *fn, FILE *out);

/*
 * path_walk.c: walk the paths from each counting acquire of the function (its facts in
 * ctx->ff->calls, its flows from ctx->fn_first_flow) to every exit of cfg, and append their
 * summaries to ctx->ff->paths.
 */
void path_walk_function(struct parse_ctx *ctx, const struct cfg *cfg);
/* "paths", "leak", ...: an outcome's name in dumps and evidence. */
const char *path_outcome_name(enum path_outcome o);
/* The most paths walked from one acquire; past it the acquire's summaries say so. */
#define PATH_CAP 256

/* The path walk's figures over a scan's files (their PATH_TOTAL and PATH_LIMIT facts). */
struct path_stats {
	unsigned long acquires, paths, most, capped;
};
void path_stats(const struct file_facts *facts, size_t n, struct path_stats *st);

#endif
