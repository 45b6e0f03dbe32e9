/*
 * A function's control-flow graph, lowered from its libclang AST: blocks of the events the path
 * walk reads (acquires, releases, passes, stores, assignments of values, returns), with edges
 * for if/else, switch, loops, break/continue, goto and return, and compiled conditions.
 */
#include <stdlib.h>
#include <string.h>
#include "cfg.h"
#include "kernel.h"

/* Lowering state: the graph, and where break, continue and case labels go. */
struct lower {
	struct parse_ctx *ctx;
	struct cfg *cfg;
	int brk, cont;		/* targets, -1 outside a loop or switch */
	int sw;			/* the enclosing switch's block, -1 */
	int sw_default;		/* it has a default label */
	const char *bound;	/* the innermost loop's bound text */
};

static unsigned cursor_line(CXCursor c)
{
	unsigned line;

	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, &line, NULL, NULL);
	return line;
}

static unsigned cursor_offset(CXCursor c)
{
	unsigned off;

	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, NULL, NULL, &off);
	return off;
}

static int new_block(struct lower *L, unsigned line)
{
	struct cfg *g = L->cfg;
	struct cfg_block *b;

	ALLOC_GROW(g->b, g->nb + 1, g->b_alloc);
	b = &g->b[g->nb];
	memset(b, 0, sizeof(*b));
	b->line = line;
	b->cond = -1;
	b->loop_bound = L->bound ? xstrdup(L->bound) : NULL;
	return (int)g->nb++;
}

static void edge(struct lower *L, int from, int to)
{
	struct cfg_block *b;

	if (from < 0 || to < 0)
		return;
	b = &L->cfg->b[from];
	ALLOC_GROW(b->succ, b->nsucc + 1, b->succ_alloc);
	b->succ[b->nsucc++] = to;
}

/* The block a goto label starts (made on first mention). */
static int label_block(struct lower *L, const char *name, unsigned line)
{
	for (size_t i = 0; i < L->cfg->nb; i++)
		if (L->cfg->b[i].label && !strcmp(L->cfg->b[i].label, name)) {
			if (line && !L->cfg->b[i].line)
				L->cfg->b[i].line = line;
			return (int)i;
		}
	int b = new_block(L, line);

	L->cfg->b[b].label = xstrdup(name);
	return b;
}

/* All children of c into *out (caller frees); their number. */
struct kid_list { CXCursor *c; size_t n, alloc; };

static enum CXChildVisitResult all_kids(CXCursor c, CXCursor parent, CXClientData data)
{
	struct kid_list *k = data;

	(void)parent;
	ALLOC_GROW(k->c, k->n + 1, k->alloc);
	k->c[k->n++] = c;
	return CXChildVisit_Continue;
}

static size_t kids_of(CXCursor c, struct kid_list *k)
{
	memset(k, 0, sizeof(*k));
	clang_visitChildren(c, all_kids, k);
	return k->n;
}

static struct cfg_event *add_event(struct lower *L, int b, enum cfg_ev_kind kind, CXCursor at)
{
	struct cfg_block *blk = &L->cfg->b[b];
	struct cfg_event *e;

	ALLOC_GROW(blk->ev, blk->nev + 1, blk->ev_alloc);
	e = &blk->ev[blk->nev++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->line = cursor_line(at);
	if (!blk->line)
		blk->line = e->line;
	return e;
}

/* The position a call fact of this call has (parse_call.c: spelling, else expansion). */
static void call_position(struct parse_ctx *ctx, CXCursor c, unsigned *line, unsigned *col)
{
	CXFile file;

	clang_getSpellingLocation(clang_getCursorLocation(c), &file, line, col, NULL);
	if (!file || !clang_File_isEqual(file, ctx->main))
		clang_getExpansionLocation(clang_getCursorLocation(c), NULL, line, col, NULL);
}

/* Is c (stripped) a call of a GUP-family acquire that counts pages (not iov_iter's bytes)? */
static const struct gup_api *counting_acquire(CXCursor c)
{
	const struct gup_api *api;
	char *name;

	if (clang_getCursorKind(c) != CXCursor_CallExpr)
		return NULL;
	name = cursor_name(c);
	api = api_lookup(name);
	free(name);
	if (!api || (api->kind != API_GET && api->kind != API_PIN && api->kind != API_LONGTERM))
		return NULL;
	return api;
}

/* "@L:C" for an acquire call c: how conditions and assignments name its value. */
static char *acquire_token(struct parse_ctx *ctx, CXCursor c)
{
	unsigned line, col;

	call_position(ctx, c, &line, &col);
	return xasprintf("@%u:%u", line, col);
}

/* The variable an expression names (a DeclRefExpr to a variable), or NULL; caller frees. */
static char *var_name(CXCursor e)
{
	e = strip(e);
	if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
		return NULL;
	enum CXCursorKind k = clang_getCursorKind(clang_getCursorReferenced(e));

	if (k != CXCursor_VarDecl && k != CXCursor_ParmDecl)
		return NULL;
	return cursor_name(e);
}

/* What value e is: an acquire's, a variable's, a negative constant, zero, or another. */
static enum cfg_value value_class(struct parse_ctx *ctx, CXCursor e, char **loc);

/* Is arm, chosen when cond holds (then) or fails, a variable cond tests "< 0"? */
static int neg_when_chosen(CXCursor cond, CXCursor arm, int then)
{
	struct kids k = { .n = 0 };
	char *v, *a;
	int ret = 0;

	cond = strip(cond);
	if (clang_getCursorKind(cond) != CXCursor_BinaryOperator)
		return 0;
	clang_visitChildren(cond, kids_visitor, &k);
	if (k.n != 2 || !(v = var_name(strip(k.c[0]))))
		return 0;
	if ((a = var_name(strip(arm))) && !strcmp(a, v)) {
		enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(cond);
		CXEvalResult ev = clang_Cursor_Evaluate(k.c[1]);

		if (ev && clang_EvalResult_getKind(ev) == CXEval_Int &&
		    clang_EvalResult_getAsLongLong(ev) == 0)
			ret = then ? op == CXBinaryOperator_LT : op == CXBinaryOperator_GE;
		if (ev)
			clang_EvalResult_dispose(ev);
	}
	free(a);
	free(v);
	return ret;
}

/*
 * "c ? a : b" is negative when both arms are, or when the arm that is not a negative constant
 * is a variable c has found negative ("pret < 0 ? pret : -EFAULT").
 */
static enum cfg_value conditional_class(struct parse_ctx *ctx, CXCursor e)
{
	struct kids k = { .n = 0 };
	char *l1 = NULL, *l2 = NULL;
	enum cfg_value a, b;

	clang_visitChildren(e, kids_visitor, &k);
	if (k.n != 3)
		return VAL_OTHER;
	a = value_class(ctx, k.c[1], &l1);
	b = value_class(ctx, k.c[2], &l2);
	free(l1);
	free(l2);
	if ((a == VAL_NEG || neg_when_chosen(k.c[0], k.c[1], 1)) &&
	    (b == VAL_NEG || neg_when_chosen(k.c[0], k.c[2], 0)))
		return VAL_NEG;
	return VAL_OTHER;
}

static enum cfg_value value_class(struct parse_ctx *ctx, CXCursor e, char **loc)
{
	CXEvalResult ev;
	enum cfg_value v = VAL_OTHER;

	e = strip(e);
	*loc = NULL;
	if (clang_getCursorKind(e) == CXCursor_ConditionalOperator)
		return conditional_class(ctx, e);
	if (counting_acquire(e)) {
		*loc = acquire_token(ctx, e);
		return VAL_ACQUIRE;
	}
	if ((*loc = var_name(e)))
		return VAL_VAR;
	if (clang_getCursorKind(e) == CXCursor_CallExpr) {
		char *name = cursor_name(e);

		v = !strcmp(name, "PTR_ERR") ? VAL_NEG : VAL_OTHER;
		free(name);
		return v;
	}
	ev = clang_Cursor_Evaluate(e);
	if (ev && clang_EvalResult_getKind(ev) == CXEval_Int) {
		long long n = clang_EvalResult_getAsLongLong(ev);

		v = n < 0 ? VAL_NEG : n == 0 ? VAL_ZERO : VAL_OTHER;
	}
	if (ev)
		clang_EvalResult_dispose(ev);
	return v;
}

/* Is loc a place pages or their holder can be (not an expression or a constant)? */
static int is_place(const char *loc)
{
	return loc && (!strncmp(loc, "local:", 6) || !strncmp(loc, "param:", 6) ||
		       !strncmp(loc, "field:", 6) || !strncmp(loc, "global:", 7) ||
		       !strncmp(loc, "lfield:", 7) || !strncmp(loc, "&", 1));
}

/* Is dst a place outside the function's locals: a field, a global, *param? */
static int kept_dst(const char *dst)
{
	return dst && (!strncmp(dst, "field:", 6) || !strncmp(dst, "global:", 7) ||
		       !strncmp(dst, "param:", 6));
}

/* A location without its leading "&"s; caller frees. */
static char *place(CXCursor e)
{
	char *loc = pages_location(e), *p = loc;

	while (p && *p == '&')
		p++;
	if (p != loc) {
		p = xstrdup(p);
		free(loc);
		loc = p;
	}
	return loc;
}

/* A call of a function outside the GUP family: its arguments' frees and passes. */
static void call_events(struct lower *L, int b, CXCursor c, const char *name)
{
	int nargs = clang_Cursor_getNumArguments(c);
	int is_free = kernel_has(name, ROLE_FREE);
	/* a function that only inspects pages is given a page's number: memory_failure(pfn, */
	/* MF_COUNT_INCREASED) takes the reference over with it */
	int numbers = kernel_has(name, ROLE_INSPECT);

	if (!is_free && !numbers &&
	    (kernel_has(name, ROLE_USE) || kernel_has(name, ROLE_SAME_PAGE) ||
	     kernel_has(name, ROLE_PAGE_NUMBER) || kernel_has(name, ROLE_FILL) ||
	     kernel_has(name, ROLE_OWN_REF) || kernel_has(name, ROLE_ITER_LINK) ||
	     kernel_has(name, ROLE_BIO_FLAG)))
		return;
	int fixed = clang_getNumArgTypes(clang_getCursorType(clang_getCursorReferenced(c)));

	if (fixed >= 0 && fixed < nargs)
		nargs = fixed;	/* printk()'s "...": printed, not handed to anyone */
	for (int i = 0; i < nargs; i++) {
		CXCursor arg = clang_Cursor_getArgument(c, (unsigned)i);
		char *loc;
		struct cfg_event *e;

		if (numbers && (is_pageish(clang_getCursorType(arg)) ||
				clang_getCursorType(arg).kind == CXType_Pointer))
			continue;
		loc = place(arg);

		if (!is_place(loc)) {
			free(loc);
			continue;
		}
		e = add_event(L, b, is_free ? EV_FREE : EV_PASS, c);
		e->name = xstrdup(name);
		e->loc = loc;
		e->argno = i;
	}
}

/* Does the condition text cond call a page test (kernel.def PAGE_TEST_* rows)? */
static int page_test_in(const char *cond)
{
	for (const char *t = cond; t && *t; ) {
		size_t n = 0;
		char name[64];

		while (*t && !is_ident_char(*t))
			t++;
		while (is_ident_char(t[n]))
			n++;
		if (n && n < sizeof(name)) {
			memcpy(name, t, n);
			name[n] = 0;
			if (kernel_has(name, ROLE_PAGE_TEST_ZERO) ||
			    kernel_has(name, ROLE_PAGE_TEST_RESERVED))
				return 1;
		}
		t += n;
	}
	return 0;
}

/*
 * Is the pages argument text arg one element or a tail at a constant index ("pages[0]",
 * "&pages[1]", "pages + 1"), or a slice at an offset: an index that adds to its variable
 * ("map[y_pages + i]", "&list[j + 1]"), a tail at any index ("&pages[j]"), or the array plus
 * a variable ("map + done")?  Its release covers some of the pages only.  One variable for an
 * index ("pages[i]" in a loop) is every page in turn.
 */
static int constant_element(const char *arg)
{
	const char *t = strchr(arg, '['), *close;

	if (t && (close = strchr(t, ']'))) {
		if (memchr(t, '+', (size_t)(close - t)))
			return 1;
		if (arg[0] == '&' && !close[1])
			return 1;
	}
	if (!t && (t = strchr(arg, '+')))
		return 1;	/* "pages + 1", "map + done" */
	if (!t)
		return 0;
	t++;
	while (*t == ' ')
		t++;
	if (*t < '0' || *t > '9')
		return 0;
	while (*t >= '0' && *t <= '9')
		t++;
	while (*t == ' ')
		t++;
	return *t == ']' || !*t || *t == ')';
}

/*
 * Does the if condition cond require element arg to be non-NULL: "pages[i]", "pages[i] != NULL",
 * or either side of an "&&"?
 */
static int tests_nonnull(const char *cond, const char *arg)
{
	size_t n = strlen(arg);

	for (const char *p = cond; p && (p = strstr(p, arg)); p += n) {
		const char *q = p + n;

		if (p > cond && (is_ident_char(p[-1]) || p[-1] == '!' || p[-1] == '>' ||
				 p[-1] == '.'))
			continue;
		while (*q == ' ' || *q == ')')
			q++;
		if (!*q || !strncmp(q, "&&", 2) || !strncmp(q, "!= NULL", 7) ||
		    !strncmp(q, "!= 0", 4))
			return 1;
	}
	return 0;
}

/* Is arg one element at an index that is one variable ("pages[i]", "req->pages[j]")? */
static int variable_element(const char *arg)
{
	const char *t = strchr(arg, '['), *close = t ? strchr(t, ']') : NULL;

	if (!t || !close || close[1] || arg[0] == '&' || close == t + 1)
		return 0;
	for (const char *q = t + 1; q < close; q++)
		if (!is_ident_char(*q))
			return 0;
	return !(t[1] >= '0' && t[1] <= '9');
}

static void release_event(struct lower *L, int b, CXCursor c, const struct gup_api *api)
{
	char *cond, *arg;
	int nargs = clang_Cursor_getNumArguments(c);
	struct cfg_event *e;

	if (api->pages < 0 || api->pages >= nargs)
		return;
	e = add_event(L, b, EV_RELEASE, c);
	e->name = xstrdup(api->name);
	e->loc = place(clang_Cursor_getArgument(c, (unsigned)api->pages));
	if (api->count >= 0 && api->count < nargs)
		e->count = cursor_text(L->ctx, clang_Cursor_getArgument(c, (unsigned)api->count));
	cond = branch_condition(L->ctx, c);
	arg = cursor_text(L->ctx, clang_Cursor_getArgument(c, (unsigned)api->pages));
	e->selective = page_test_in(cond) || constant_element(arg);
	e->element = !e->selective && variable_element(arg);
	e->filled_only = e->element && tests_nonnull(cond, arg);
	free(arg);
	free(cond);
}

static void call_expr_events(struct lower *L, int b, CXCursor c)
{
	char *name = cursor_name(c);
	const struct gup_api *api = api_lookup(name);

	if (counting_acquire(c)) {
		struct cfg_event *e = add_event(L, b, EV_ACQUIRE, c);

		call_position(L->ctx, c, &e->line, &e->col);
	} else if (api && (api->kind == API_PUT || api->kind == API_RELEASE ||
			   api->kind == API_PUT_USER || api->kind == API_UNPIN)) {
		release_event(L, b, c, api);
	} else if (!api) {
		call_events(L, b, c, name);
	}
	free(name);
}

/* dst = an expression of variables that is no place itself: the stores of its variables. */
struct derived { struct lower *L; int b; CXCursor at; const char *dst; };

static enum CXChildVisitResult derived_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	struct derived *d = data;
	char *var = var_name(c);
	struct cfg_event *e;

	(void)parent;
	if (!var)
		return CXChildVisit_Recurse;
	e = add_event(d->L, d->b, EV_STORE, d->at);
	e->name = xstrdup(d->dst);
	e->loc = place(c);
	free(var);
	return CXChildVisit_Continue;
}

/* "obj->state = X", "obj->a.b = X": obj's object records something (name: obj). */
static void member_set(struct lower *L, int b, CXCursor at, CXCursor lhs)
{
	struct kids k = { .n = 0 };
	char *obj;

	lhs = strip(lhs);
	while (clang_getCursorKind(lhs) == CXCursor_MemberRefExpr) {
		k.n = 0;
		clang_visitChildren(lhs, kids_visitor, &k);
		if (k.n != 1)
			return;
		lhs = strip(k.c[0]);
	}
	if ((obj = var_name(lhs)))
		add_event(L, b, EV_MEMBER_SET, at)->name = obj;
}

/* dst (a variable's name, or a field or global) = src, after src's own events. */
static void assign_events(struct lower *L, int b, CXCursor at, CXCursor lhs, CXCursor rhs)
{
	char *var = var_name(lhs), *loc;
	struct cfg_event *e;

	if (var) {
		enum cfg_value v = value_class(L->ctx, rhs, &loc);

		e = add_event(L, b, EV_ASSIGN, at);
		e->name = var;
		e->loc = loc;
		e->value = v;
		return;
	}
	char *dst = place(lhs);

	member_set(L, b, at, lhs);
	if (kept_dst(dst)) {
		char *src = place(rhs), *count = var_name(rhs);

		if (is_place(src)) {
			e = add_event(L, b, EV_STORE, at);
			e->name = xstrdup(dst);
			e->loc = src;
			src = NULL;
		} else {	/* page_address(page), page_to_phys(page) + off: page is kept */
			struct derived d = { L, b, at, dst };

			clang_visitChildren(rhs, derived_visitor, &d);
		}
		if (count) {
			e = add_event(L, b, EV_COUNT_STORE, at);
			e->loc = count;
		}
		free(src);
	}
	free(dst);
}

/* "*pinned += got", "obj->n += got": a count added into a field or through a pointer. */
static void compound_store(struct lower *L, int b, CXCursor at, CXCursor lhs, CXCursor rhs)
{
	char *dst = place(lhs), *count = var_name(rhs);

	if (count && kept_dst(dst)) {
		add_event(L, b, EV_COUNT_STORE, at)->loc = count;
		count = NULL;
	}
	free(count);
	free(dst);
}

static void expr_events(struct lower *L, int b, CXCursor c);

/* The block ev_visitor() adds events to. */
struct ev_walk { struct lower *L; int b; };

static enum CXChildVisitResult ev_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	struct ev_walk *w = data;

	(void)parent;
	expr_events(w->L, w->b, c);
	return CXChildVisit_Continue;
}

static void kids_events(struct lower *L, int b, CXCursor c)
{
	struct ev_walk w = { L, b };

	clang_visitChildren(c, ev_visitor, &w);
}

/* The events of an expression or declaration c, in evaluation order (operands first). */
static void expr_events(struct lower *L, int b, CXCursor c)
{
	struct kids k = { .n = 0 };
	enum CXCursorKind kind = clang_getCursorKind(c);

	if (kind == CXCursor_BinaryOperator &&
	    clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Assign) {
		clang_visitChildren(c, kids_visitor, &k);
		kids_events(L, b, c);
		if (k.n == 2)
			assign_events(L, b, c, k.c[0], k.c[1]);
		return;
	}
	if (kind == CXCursor_CompoundAssignOperator) {
		char *var;

		clang_visitChildren(c, kids_visitor, &k);
		kids_events(L, b, c);
		if (k.n == 2 && (var = var_name(k.c[0]))) {
			struct cfg_event *e = add_event(L, b, EV_ASSIGN, c);

			e->name = var;
			e->value = VAL_OTHER;
		} else if (k.n == 2) {
			compound_store(L, b, c, k.c[0], k.c[1]);
		}
		return;
	}
	if (kind == CXCursor_UnaryOperator) {
		enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(c);
		char *var;

		kids_events(L, b, c);
		clang_visitChildren(c, kids_visitor, &k);
		if (op >= CXUnaryOperator_PostInc && op <= CXUnaryOperator_PreDec && k.n == 1 &&
		    (var = var_name(k.c[0]))) {
			struct cfg_event *e = add_event(L, b, EV_ASSIGN, c);

			e->name = var;
			e->value = VAL_OTHER;
		}
		return;
	}
	if (kind == CXCursor_VarDecl) {
		kids_events(L, b, c);
		clang_visitChildren(c, kids_visitor, &k);
		if (k.n) {
			struct cfg_event *e = add_event(L, b, EV_ASSIGN, c);
			CXCursor init = k.c[k.n - 1];

			e->name = cursor_name(c);
			e->value = clang_isExpression(clang_getCursorKind(init)) ?
				   value_class(L->ctx, init, &e->loc) : VAL_OTHER;
		}
		return;
	}
	kids_events(L, b, c);
	if (kind == CXCursor_CallExpr)
		call_expr_events(L, b, c);
}

/* The text of a cursor's source, folded, or "?" in a macro with no text. */
static char *text_of(struct lower *L, CXCursor c)
{
	char *t = cursor_text(L->ctx, c);

	return t ? t : xstrdup("?");
}

static int cond_node(struct lower *L, enum cond_op op, int a, int b)
{
	struct cfg *g = L->cfg;

	ALLOC_GROW(g->conds, g->nconds + 1, g->conds_alloc);
	g->conds[g->nconds] = (struct cond_node){ .op = op, .a = a, .b = b };
	return (int)g->nconds++;
}

/* The operand of a comparison as the walk names it: a variable, or an acquire's "@L:C". */
static char *operand_name(struct lower *L, CXCursor e)
{
	struct kids k = { .n = 0 };

	e = strip(e);
	if (counting_acquire(e))
		return acquire_token(L->ctx, e);
	if (clang_getCursorKind(e) == CXCursor_BinaryOperator &&
	    clang_getCursorBinaryOperatorKind(e) == CXBinaryOperator_Assign) {
		clang_visitChildren(e, kids_visitor, &k);
		return k.n == 2 ? operand_name(L, k.c[1]) : NULL;
	}
	if (clang_getCursorKind(e) == CXCursor_MemberRefExpr) {
		char *loc = place(e);

		if (loc && !strncmp(loc, "field:", 6))
			return loc;	/* "field:struct s.m": a test of what a field holds */
		free(loc);
		return NULL;
	}
	return var_name(e);
}

/* The right-hand side of a comparison: its value when constant ("0", "-14"), else its text. */
static char *rhs_text(struct lower *L, CXCursor e)
{
	CXEvalResult ev = clang_Cursor_Evaluate(e);
	char *t = NULL;

	if (ev && clang_EvalResult_getKind(ev) == CXEval_Int)
		t = xasprintf("%lld", clang_EvalResult_getAsLongLong(ev));
	if (ev)
		clang_EvalResult_dispose(ev);
	return t ? t : text_of(L, e);
}

static int atom(struct lower *L, char *var, enum cond_rel rel, char *rhs)
{
	int n = cond_node(L, C_ATOM, -1, -1);

	L->cfg->conds[n].var = var;
	L->cfg->conds[n].rel = rel;
	L->cfg->conds[n].rhs = rhs;
	return n;
}

static int compile_cond(struct lower *L, CXCursor e);

static int compile_compare(struct lower *L, CXCursor e, enum cond_rel rel)
{
	static const enum cond_rel mirror[] = {
		[R_LT] = R_GT, [R_LE] = R_GE, [R_GT] = R_LT, [R_GE] = R_LE, [R_EQ] = R_EQ,
		[R_NE] = R_NE,
	};
	struct kids k = { .n = 0 };
	char *var;

	clang_visitChildren(e, kids_visitor, &k);
	if (k.n != 2)
		return cond_node(L, C_UNKNOWN, -1, -1);
	if ((var = operand_name(L, k.c[0])))
		return atom(L, var, rel, rhs_text(L, k.c[1]));
	if ((var = operand_name(L, k.c[1])))
		return atom(L, var, mirror[rel], rhs_text(L, k.c[0]));
	return cond_node(L, C_UNKNOWN, -1, -1);
}

/* WARN_ON(x)'s statement expression: the first variable's initializer is x. */
static int compile_stmt_expr(struct lower *L, CXCursor e)
{
	struct kid_list body, stmts;
	int n = -1;

	if (kids_of(e, &body) == 1 && kids_of(body.c[0], &stmts) &&
	    clang_getCursorKind(stmts.c[0]) == CXCursor_DeclStmt) {
		struct kid_list decl, init;

		if (kids_of(stmts.c[0], &decl) &&
		    clang_getCursorKind(decl.c[0]) == CXCursor_VarDecl && kids_of(decl.c[0], &init))
			n = compile_cond(L, init.c[init.n - 1]);
		if (decl.n)
			free(init.c);
		free(decl.c);
	}
	if (body.n == 1)
		free(stmts.c);
	free(body.c);
	return n >= 0 ? n : cond_node(L, C_UNKNOWN, -1, -1);
}

static int compile_binary(struct lower *L, CXCursor e)
{
	struct kids k = { .n = 0 };
	enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(e);

	switch (op) {
	case CXBinaryOperator_LAnd:
	case CXBinaryOperator_LOr:
		clang_visitChildren(e, kids_visitor, &k);
		if (k.n != 2)
			break;
		int a = compile_cond(L, k.c[0]), b = compile_cond(L, k.c[1]);

		return cond_node(L, op == CXBinaryOperator_LAnd ? C_AND : C_OR, a, b);
	case CXBinaryOperator_LT: return compile_compare(L, e, R_LT);
	case CXBinaryOperator_LE: return compile_compare(L, e, R_LE);
	case CXBinaryOperator_GT: return compile_compare(L, e, R_GT);
	case CXBinaryOperator_GE: return compile_compare(L, e, R_GE);
	case CXBinaryOperator_EQ: return compile_compare(L, e, R_EQ);
	case CXBinaryOperator_NE: return compile_compare(L, e, R_NE);
	case CXBinaryOperator_Assign: {
		char *var = operand_name(L, e);

		if (var)
			return atom(L, var, R_NE, xstrdup("0"));
		break;
	}
	default:
		break;
	}
	return cond_node(L, C_UNKNOWN, -1, -1);
}

/*
 * Compile condition e: and, or, not, comparisons of a variable or an acquire's value,
 * a variable's truth; unlikely()/likely() (__builtin_expect) and WARN_ON() seen through.
 */
static int compile_cond(struct lower *L, CXCursor e)
{
	struct kids k = { .n = 0 };
	char *var;

	e = strip(e);
	switch (clang_getCursorKind(e)) {
	case CXCursor_BinaryOperator:
		return compile_binary(L, e);
	case CXCursor_UnaryOperator:
		if (clang_getCursorUnaryOperatorKind(e) != CXUnaryOperator_LNot)
			break;
		clang_visitChildren(e, kids_visitor, &k);
		if (k.n == 1)
			return cond_node(L, C_NOT, compile_cond(L, k.c[0]), -1);
		break;
	case CXCursor_StmtExpr:
		return compile_stmt_expr(L, e);
	case CXCursor_CallExpr: {
		char *name = cursor_name(e);
		/* as macros they expand to __builtin_expect() or a statement expression */
		int expect = !strcmp(name, "__builtin_expect") || !strcmp(name, "unlikely") ||
			     !strcmp(name, "likely") || !strncmp(name, "WARN_ON", 7);

		free(name);
		if (expect && clang_Cursor_getNumArguments(e) >= 1)
			return compile_cond(L, clang_Cursor_getArgument(e, 0));
		break;
	}
	default:
		break;
	}
	if ((var = operand_name(L, e)))
		return atom(L, var, R_NE, xstrdup("0"));
	return cond_node(L, C_UNKNOWN, -1, -1);
}

/* The events of condition c in block b, and b's compiled condition. */
static void set_cond(struct lower *L, int b, CXCursor c)
{
	expr_events(L, b, c);
	L->cfg->b[b].cond = compile_cond(L, c);
	L->cfg->b[b].cond_text = text_of(L, c);
	if (!L->cfg->b[b].line)
		L->cfg->b[b].line = cursor_line(c);
}

static int lower_stmt(struct lower *L, CXCursor c, int cur);

static int lower_if(struct lower *L, CXCursor c, int cur, struct kid_list *k)
{
	int t, e, join, after_t, after_e;

	if (k->n < 2)
		return cur;
	set_cond(L, cur, k->c[0]);
	t = new_block(L, cursor_line(k->c[1]));
	e = new_block(L, k->n > 2 ? cursor_line(k->c[2]) : 0);
	edge(L, cur, t);
	edge(L, cur, e);
	after_t = lower_stmt(L, k->c[1], t);
	L->cfg->b[cur].then_end = (int)L->cfg->nb;
	after_e = k->n > 2 ? lower_stmt(L, k->c[2], e) : e;
	L->cfg->b[cur].else_end = (int)L->cfg->nb;
	if (after_t < 0 && after_e < 0)
		return -1;
	join = new_block(L, 0);
	edge(L, after_t, join);
	edge(L, after_e, join);
	(void)c;
	return join;
}

/* The bound X of a loop condition "i < X" (or <=, !=), or NULL; caller frees. */
static char *loop_bound(struct lower *L, CXCursor cond)
{
	struct kids k = { .n = 0 };
	enum CXBinaryOperatorKind op;

	cond = strip(cond);
	if (clang_getCursorKind(cond) != CXCursor_BinaryOperator)
		return NULL;
	op = clang_getCursorBinaryOperatorKind(cond);
	if (op != CXBinaryOperator_LT && op != CXBinaryOperator_LE && op != CXBinaryOperator_NE)
		return NULL;
	clang_visitChildren(cond, kids_visitor, &k);
	return k.n == 2 ? cursor_text(L->ctx, k.c[1]) : NULL;
}

/*
 * A loop: head (its condition's events; with_exit: an edge out when the condition fails),
 * the body lowered from a fresh block, then the step (inc) and the edge back to head.
 */
static int lower_loop(struct lower *L, int cur, CXCursor *cond, CXCursor *inc, CXCursor body,
		      int with_exit)
{
	int saved_brk = L->brk, saved_cont = L->cont, head, exit, step, first, after;
	const char *saved_bound = L->bound;
	char *bound = cond ? loop_bound(L, *cond) : NULL;

	head = new_block(L, cursor_line(body));
	edge(L, cur, head);
	if (cond)
		set_cond(L, head, *cond);
	exit = new_block(L, 0);
	step = new_block(L, 0);
	L->bound = bound;
	first = new_block(L, cursor_line(body));
	edge(L, head, first);
	if (with_exit)
		edge(L, head, exit);
	L->brk = exit;
	L->cont = step;
	after = lower_stmt(L, body, first);
	L->cfg->b[head].loop_head = 1;
	L->cfg->b[head].body_first = first;
	L->cfg->b[head].body_end = (int)L->cfg->nb;
	edge(L, after, step);
	if (inc)
		expr_events(L, step, *inc);
	edge(L, step, head);
	L->brk = saved_brk;
	L->cont = saved_cont;
	L->bound = saved_bound;
	free(bound);
	return exit;
}

/* Is the for statement c written "for (" in the file (not a macro's expansion)? */
static int for_header(struct lower *L, CXCursor c, unsigned *semi1, unsigned *semi2)
{
	unsigned off = cursor_offset(c), depth = 0, n = 0;
	const char *buf = L->ctx->buf;

	if (off + 3 >= L->ctx->len || strncmp(buf + off, "for", 3))
		return 0;
	for (unsigned i = off + 3; i < L->ctx->len; i++) {
		if (buf[i] == '(') {
			depth++;
		} else if (buf[i] == ')') {
			if (--depth == 0)
				return n == 2;
		} else if (buf[i] == ';' && depth == 1) {
			*(n++ ? semi2 : semi1) = i;
		}
	}
	return 0;
}

static int lower_for(struct lower *L, CXCursor c, int cur, struct kid_list *k)
{
	CXCursor *init = NULL, *cond = NULL, *inc = NULL, body;
	unsigned s1 = 0, s2 = 0;

	if (!k->n)
		return cur;
	body = k->c[k->n - 1];
	if (k->n == 4) {
		init = &k->c[0], cond = &k->c[1], inc = &k->c[2];
	} else if (for_header(L, c, &s1, &s2)) {
		for (size_t i = 0; i + 1 < k->n; i++) {
			unsigned off = cursor_offset(k->c[i]);

			if (off < s1)
				init = &k->c[i];
			else if (off < s2)
				cond = &k->c[i];
			else
				inc = &k->c[i];
		}
		if (!cond)	/* for (...;;...): only a break leaves it */
			goto lower;
	} else {
		/* a macro's loop (for_each_sg()): its parts are events, its condition unknown */
		for (size_t i = 0; i + 1 < k->n; i++)
			expr_events(L, cur, k->c[i]);
	}
	if (init)
		expr_events(L, cur, *init);
	return lower_loop(L, cur, cond, inc, body, 1);
lower:
	if (init)
		expr_events(L, cur, *init);
	return lower_loop(L, cur, NULL, inc, body, 0);
}

/* do body while (cond): the body first; "while (0)" (a macro's block) does not loop. */
static int lower_do(struct lower *L, int cur, struct kid_list *k)
{
	CXEvalResult ev;
	int once = 0, saved_brk = L->brk, saved_cont = L->cont, exit, step, after;

	if (k->n != 2)
		return cur;
	ev = clang_Cursor_Evaluate(k->c[1]);
	if (ev && clang_EvalResult_getKind(ev) == CXEval_Int && !clang_EvalResult_getAsLongLong(ev))
		once = 1;
	if (ev)
		clang_EvalResult_dispose(ev);
	if (!once) {
		int head = new_block(L, cursor_line(k->c[0]));

		edge(L, cur, head);
		return lower_loop(L, head, &k->c[1], NULL, k->c[0], 1);
	}
	exit = new_block(L, 0);
	step = new_block(L, 0);
	L->brk = exit;
	L->cont = step;
	after = lower_stmt(L, k->c[0], cur);
	edge(L, after, step);
	edge(L, step, exit);
	L->brk = saved_brk;
	L->cont = saved_cont;
	return exit;
}

static int lower_switch(struct lower *L, int cur, struct kid_list *k)
{
	int saved_brk = L->brk, saved_sw = L->sw, saved_def = L->sw_default, exit, after;

	if (k->n != 2)
		return cur;
	expr_events(L, cur, k->c[0]);
	L->cfg->b[cur].cond_text = text_of(L, k->c[0]);
	exit = new_block(L, 0);
	L->brk = exit;
	L->sw = cur;
	L->sw_default = 0;
	L->cfg->b[cur].switch_head = 1;
	L->cfg->b[cur].body_first = (int)L->cfg->nb;
	after = lower_stmt(L, k->c[1], -1);
	L->cfg->b[cur].body_end = (int)L->cfg->nb;
	edge(L, after, exit);
	if (!L->sw_default)
		edge(L, cur, exit);
	L->brk = saved_brk;
	L->sw = saved_sw;
	L->sw_default = saved_def;
	return exit;
}

static int lower_compound(struct lower *L, struct kid_list *k, int cur)
{
	for (size_t i = 0; i < k->n; i++) {
		if (cur < 0)	/* after a goto or return: reached only through a label */
			cur = new_block(L, cursor_line(k->c[i]));
		cur = lower_stmt(L, k->c[i], cur);
	}
	return cur;
}

static int lower_jump(struct lower *L, CXCursor c, int cur, struct kid_list *k)
{
	switch (clang_getCursorKind(c)) {
	case CXCursor_GotoStmt:
		if (k->n) {
			char *name = cursor_name(k->c[0]);

			edge(L, cur, label_block(L, name, 0));
			free(name);
		}
		return -1;
	case CXCursor_BreakStmt:
		edge(L, cur, L->brk);
		return -1;
	case CXCursor_ContinueStmt:
		edge(L, cur, L->cont);
		return -1;
	default:	/* ReturnStmt */
		kids_events(L, cur, c);
		struct cfg_event *e = add_event(L, cur, EV_RETURN, c);

		if (k->n) {
			e->value = value_class(L->ctx, k->c[0], &e->name);
			e->loc = place(k->c[0]);
		}
		L->cfg->b[cur].is_exit = 1;
		return -1;
	}
}

/* Lower statement c, entered from block cur; the block after it, or -1 when none follows. */
static int lower_stmt(struct lower *L, CXCursor c, int cur)
{
	struct kid_list k;
	enum CXCursorKind kind = clang_getCursorKind(c);
	int ret = cur, b;

	if (cur < 0)
		cur = ret = new_block(L, cursor_line(c));
	kids_of(c, &k);
	switch (kind) {
	case CXCursor_CompoundStmt:
		ret = lower_compound(L, &k, cur);
		break;
	case CXCursor_IfStmt:
		ret = lower_if(L, c, cur, &k);
		break;
	case CXCursor_WhileStmt:
		ret = k.n == 2 ? lower_loop(L, cur, &k.c[0], NULL, k.c[1], 1) : cur;
		break;
	case CXCursor_ForStmt:
		ret = lower_for(L, c, cur, &k);
		break;
	case CXCursor_DoStmt:
		ret = lower_do(L, cur, &k);
		break;
	case CXCursor_SwitchStmt:
		ret = lower_switch(L, cur, &k);
		break;
	case CXCursor_CaseStmt:
	case CXCursor_DefaultStmt:
		b = new_block(L, cursor_line(c));
		edge(L, cur, b);
		edge(L, L->sw, b);
		if (kind == CXCursor_DefaultStmt)
			L->sw_default = 1;
		ret = k.n ? lower_stmt(L, k.c[k.n - 1], b) : b;
		break;
	case CXCursor_LabelStmt: {
		char *name = cursor_name(c);

		b = label_block(L, name, cursor_line(c));
		free(name);
		edge(L, cur, b);
		ret = k.n ? lower_stmt(L, k.c[0], b) : b;
		break;
	}
	case CXCursor_GotoStmt:
	case CXCursor_BreakStmt:
	case CXCursor_ContinueStmt:
	case CXCursor_ReturnStmt:
		ret = lower_jump(L, c, cur, &k);
		break;
	case CXCursor_StmtExpr:
		ret = k.n == 1 ? lower_stmt(L, k.c[0], cur) : cur;
		break;
	case CXCursor_NullStmt:
		break;
	default:
		expr_events(L, cur, c);
		break;
	}
	free(k.c);
	return ret;
}

void cfg_build(struct parse_ctx *ctx, CXCursor fn, struct cfg *cfg)
{
	struct lower L = { ctx, cfg, -1, -1, -1, 0, NULL };
	struct kid_list k;
	int last;

	cfg->function = cursor_name(fn);
	clang_getExpansionLocation(clang_getRangeEnd(clang_getCursorExtent(fn)), NULL,
				   &cfg->end_line, NULL, NULL);
	cfg->entry = new_block(&L, cursor_line(fn));
	kids_of(fn, &k);
	last = cfg->entry;
	for (size_t i = 0; i < k.n; i++)
		if (clang_getCursorKind(k.c[i]) == CXCursor_CompoundStmt)
			last = lower_stmt(&L, k.c[i], cfg->entry);
	free(k.c);
	if (last >= 0) {
		cfg->b[last].is_exit = 1;
		if (!cfg->b[last].line)
			cfg->b[last].line = cfg->end_line;
	}
}
