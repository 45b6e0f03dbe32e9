/* What the flow model's files share: the graph of a tree's facts and the walk over it. */
#ifndef GUPCHECK_FLOW_INT_H
#define GUPCHECK_FLOW_INT_H

#include <stddef.h>
#include "plan.h"

/*
 * Edge kinds.  A walk is in phase UP while it may still return to callers (the
 * pages came from, or go back to, whoever called the acquiring function) and in
 * phase DOWN once it entered a callee or a field: from there it never climbs to
 * another caller, which keeps one helper's callers apart.
 */
enum edge_kind { EDGE_LOCAL, EDGE_DOWN, EDGE_UP };
enum { PHASE_UP, PHASE_DOWN };

/*
 * What a local edge stands for, for the walk's direction rule.  "d = s" gives s -> d
 * (EDGE_ASSIGN_FWD) and d -> s (EDGE_ASSIGN_BACK: d may alias s's storage, so pages put into d
 * are in s).  A container fill "sg_set_page(sg, page)" gives page -> sg (EDGE_FILL_FWD) and sg
 * -> page (EDGE_FILL_BACK: the container's pages are the source's too).  A walk goes forward
 * into a merge point, never back out of it to another source: one that reached d forward
 * through an assignment holds s's pages, not what d's other sources hold, and takes no back
 * edge out of d; one that reached a container through a fill takes no fill's back edge out of
 * it (the other pages filled in), but does take an assignment's (the container's aliases:
 * "sg = obj->sgl; sg_set_page(sg, page)" puts the page in obj->sgl).
 */
enum edge_dir { EDGE_BOTH, EDGE_ASSIGN_FWD, EDGE_ASSIGN_BACK, EDGE_FILL_FWD, EDGE_FILL_BACK };

struct edge {
	int to;
	enum edge_kind kind;
	long fn;		/* EDGE_DOWN: the function that passes the pages */
	long assign_file, assign_flow;	/* a bi_end_io assignment's edge: that flow, else -1 */
	/*
	 * only assignments to a member of a local struct variable ("wait_page.page = page") make
	 * this edge: the node it enters is kept by others (a store through a pointer elsewhere),
	 * not by what crosses it, which lives as long as the function's call
	 */
	int local_struct;
	/*
	 * only own-reference stores make this edge (get_page(buf->page = page)): the pages on
	 * both sides are the same, their references are not; the walk crosses it only for
	 * dirtyings
	 */
	int own_ref;
	/*
	 * only stores released after them on every path of their function make this edge
	 * ("obj->page = page; ...; put_page(page)"): a cache of the pointer, which keeps nothing
	 */
	int cache;
	int number;		/* a page and its number (FLOW_CONVERT): the pages go on as numbers */
	enum edge_dir dir;	/* EDGE_LOCAL only; EDGE_BOTH when two facts disagree */
	/*
	 * EDGE_LOCAL from assignments only: the if branches around them (flow_fact.arms), when
	 * every assignment giving the edge has the same ones; else NULL.  Points into the facts.
	 */
	const char *arms;
};

/* A location pages can be in: a local, parameter or return value, a field or a global. */
struct node {
	char *key;
	char *label;		/* evidence: "field struct s.f", "global x" or the function name */
	long fn;		/* global function number, -1 for fields and globals */
	int global;		/* a field or global: shared by every function that names it */
	int stored;		/* pages or their numbers are stored into it through a pointer */
	int stored_pages;	/* ... pages, not only their numbers (FLOW_NUMBER_COPY, pfns) */
	int has_up;		/* some caller is known (an UP edge leaves this node) */
	int is_start;		/* parameter or return node: its callers matter */
	struct edge *e;
	size_t ne, e_alloc;
	struct call_ref *calls;	/* acquires, releases and dirtyings at this location */
	size_t ncalls, calls_alloc;
	const char *unknown;	/* a callee outside the facts the pages are passed to */
	const char *data_use;	/* a callee that touches the data */
	const char *maps;	/* a callee that reaches the bytes (kernel.def MAPS_DATA) */
	const char *unknown_call;	/* ... outside the facts, a function (not a conversion) */
	const char *inspected;	/* a callee that only looks at struct page (kernel.def INSPECT) */
	const char *fills_into;	/* the field or global container a fill puts the pages in */
	int fills;
	long endio_fn;		/* the bio parameter of bi_end_io function endio_fn, else -1 */
	/* a FLOW_MERGE on this location (file, flow index); .file is -1 if none */
	struct call_ref merge;
};

/* A string -> int map with open addressing; it owns copies of its keys. */
struct map {
	char **k;
	int *v;
	size_t cap, n;
};

struct graph {
	struct plan *plan;
	struct node *nodes;
	size_t nnodes, nodes_alloc;
	struct map node_of;	/* key -> node */
	struct map fn_of;	/* "file#name" -> function number; "@name" -> last non-static one */
	size_t *fn_base;	/* first function number of each file */
	struct call_ref *fn_ref;	/* function number -> (file, index in fns) */
	struct map param_of;	/* "fn#argno" -> node */
	size_t nfns;
	long **callers;		/* function number -> the functions calling it directly */
	size_t *ncallers, *callers_alloc;
	struct strvec *frees;	/* function number -> the struct types it kfree()s */
	struct ops_index *ops;	/* flow_ops.c: ops members -> the functions assigned to them */
	struct map own_ref;	/* "fn#loc": function fn takes its own reference on loc (get_page) */
};

/*
 * One walk's bookkeeping: states are (node * 2 + phase) * WALK_ARRIVALS + arrival (how the
 * walk reached the node: enum walk_arrival), stamped with the walk's generation.
 */
enum walk_arrival { ARRIVE_OTHER, ARRIVE_FILL, ARRIVE_ASSIGN, WALK_ARRIVALS };
#define WALK_HOME_MAX 16
struct walk {
	unsigned *stamp;
	int *queue;
	const char **via;	/* per state: the first field or global crossed, or NULL */
	unsigned char *numbered;	/* per state: the way there crossed a page-to-number edge */
	unsigned gen;
	int own_ref;		/* this walk crosses own_ref edges (it collects dirtyings only) */
	int met_own_ref;	/* this walk stopped at an own_ref edge */
	int *entry;		/* per state: struct reached's entry of what it reaches there */
	/*
	 * The last walk's home: the functions whose own locations (not a field or global) its
	 * pages were in while it could still return to callers; at most WALK_HOME_MAX of them
	 */
	long home[WALK_HOME_MAX];
	size_t nhome;
	/*
	 * The if branches of the walk's acquire or origin (call_fact.arms), or NULL: set by
	 * walk_from_arms(); no edge out of the start given in an exclusive branch is taken
	 */
	const char *arms;
	int start;		/* the start node */
	/* the fields and globals the walk entered, for walk_site()'s paths; at most WALK_HOME_MAX */
	int fields[WALK_HOME_MAX];
	size_t nfields;
};

/* checker/flow_graph.c */

/* Build g (g->plan set, the rest zeroed) from the plan's facts; graph_release() frees it. */
void graph_build(struct graph *g);
/* Free what g holds; labels and keys the walks took from it are gone afterwards. */
void graph_release(struct graph *g);
/* The name of function number fn; it points into the plan's facts. */
const char *graph_fn_name(const struct graph *g, long fn);
/* The function number of name as seen from file: its own definition, else the last non-static. */
long graph_fn_lookup(struct graph *g, size_t file, const char *name);
/* The node of a location loc written in function fn of file; -1 if the model does not follow it. */
int graph_loc_node(struct graph *g, size_t file, long fn, const char *loc);
/* The node of parameter argno of function fn, or -1. */
int graph_param_node(struct graph *g, long fn, int argno);
/* How many flows of one kind all files hold. */
size_t flow_count(const struct plan *p, enum flow_kind kind);

/* checker/flow_ops.c */

/*
 * A member given more functions than this (file_operations.release, ...) is a generic
 * interface, not one object's table: calls through it are not linked, so that one
 * dispatcher does not mix every implementation's pages and teardowns.
 */
#define OPS_MAX_TARGETS 8
/* Index the FLOW_OPS_SET facts of g's plan (functions resolved as callees); needs the functions. */
void ops_index_build(struct graph *g);
/*
 * The functions assigned to member ("struct s.m") into out (room for max), their number; 0
 * when none is, or more than OPS_MAX_TARGETS (or max) are.
 */
size_t ops_targets(const struct graph *g, const char *member, long *out, size_t max);
/* Free g's ops index. */
void ops_index_release(struct graph *g);

/* checker/flow_walk.c */

/* Size w for the nodes of g; walk_release() frees it. */
void walk_init(struct walk *w, const struct graph *g);
void walk_release(struct walk *w);
/*
 * Note in s that the walk entered node to, over edge e (NULL: the walk starts there), on a
 * way that crossed a page-to-number edge (numbered) or not: the first place the pages, or
 * their numbers, are kept in.
 */
void walk_note_kept(const struct graph *g, struct site *s, const struct edge *e, int to,
		    int numbered);
/* Collect into s what the pages at node start reach, starting in phase (PHASE_UP, PHASE_DOWN). */
void walk_from(struct graph *g, struct walk *w, struct site *s, int start, int phase);
/*
 * walk_from() for pages an acquire or origin put into start while in the if branches arms
 * (call_fact.arms, flow_fact.arms; NULL: none): an assignment in a branch exclusive of one of
 * them (the other arm of the same if) does not carry these pages out of start, a location of
 * the function (not a field or global: their edges come from many functions).
 */
/*
 * An acquire site's walk from node start (its pages, in if arms arms): walk_from_arms() in
 * phase up, then walks from each field and global it entered, for every (release, via) path
 * with a teardown (site.paths); flow_walk.c.
 */
void walk_site(struct graph *g, struct walk *w, struct site *s, int start, const char *arms);
void walk_from_arms(struct graph *g, struct walk *w, struct site *s, int start, int phase,
		    const char *arms);
/* Add function fn (-1: none) to the last walk's home, once, while there is room. */
void walk_home_add(struct walk *w, long fn);
/* Free the releases, dirtyings and completions a walk collected into a scratch site. */
void walk_result_release(struct site *s);

/* checker/flow_release.c */

/* For each function parameter, the releases its pages reach: fills plan->sums. */
void flow_summarise(struct graph *g, struct walk *w);
/* Mark the releases picked at run time by the pages' kind: fills plan->dispatched. */
void flow_find_dispatch(struct graph *g, struct walk *w);
/* Mark the files that implement a GUP-family acquire API: fills plan->impl. */
void flow_find_impl(struct plan *p);

/* checker/flow_outparam.c */

/*
 * Link, at every call, the arguments (and the result) whose pages the callee moves into one
 * another: local edges between the caller's locations, from the callees' own local edges.
 */
void flow_link_outparams(struct graph *g);

/* checker/flow_wrap.c */

/*
 * For each site of a wrapper acquire API whose flags come from one of its parameters: the
 * flags its callers pass (through wrappers of wrappers, WRAP_ROUNDS deep), resolved per call,
 * and which calls keep the pages long-term: fills the sites' carried fields.  Needs p->impl.
 */
void flow_carry_flags(struct graph *g, struct walk *w);

/* checker/flow_callers.c */

/*
 * With plan->per_caller: for each site whose pages reach its acquiring function's parameters
 * or return value, walk from each call of that function (the caller's side: the argument's
 * location, or where the call's value goes) and decide each call on its own: fills the
 * sites' callers.  Needs p->impl and the carried flags.
 */
void flow_callers(struct graph *g, struct walk *w);

/* checker/flow_origin.c */

/* Follow each page that is not GUP's to the bio completions it reaches: fills plan->origins. */
void flow_walk_origins(struct graph *g, struct walk *w);
/* Releases in an if branch that GUP pages and other pages reach: picked by kind (dispatched). */
void flow_origin_dispatch(struct plan *p);

/* checker/flow_probe.c */

/* Answer each __gupcheck_where() probe of the fixtures: fills plan->probes. */
void flow_run_probes(struct graph *g, struct walk *w);

#endif
