/*
 * An acquire's result, by libclang's types: the variable or field it is stored in and that
 * type, the first comparison that converts it to an unsigned type, the first test of it against
 * zero; and a release's dirtying argument (kernel.def's DIRTY_ARG rows).  For result-unsigned
 * and the dirtying facts a dirty-missing check would read.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "kernel.h"
#include "parse_ctx.h"

/*
 * Something the function does with a value, in the order it is written; EV_SEAL is a
 * statement [off, off_end) a goto or return follows in its block (label: the goto's, NULL
 * for a return), EV_LABEL a label (label: its name).
 */
enum result_event_kind { EV_STORE, EV_CMP, EV_SEAL, EV_LABEL };

struct result_event {
	enum result_event_kind kind;
	unsigned off, line;
	CXCursor call;		/* EV_STORE: the acquire call stored; EV_CMP: null */
	CXCursor dst;		/* EV_STORE: the variable's declaration, or the member expression */
	CXCursor at;		/* EV_CMP: the comparison */
	CXCursor side[2];	/* EV_CMP: both operands as converted (implicit casts kept) */
	int relational;		/* EV_CMP: < <= > >= (not == or !=) */
	unsigned off_end;	/* EV_SEAL */
	char *label;		/* EV_SEAL, EV_LABEL (owned) */
};

struct result_walk {
	struct parse_ctx *ctx;
	struct result_event *ev;
	size_t nev, ev_alloc;
};

static int is_unsigned_kind(enum CXTypeKind k)
{
	return k == CXType_UInt || k == CXType_ULong || k == CXType_ULongLong ||
	       k == CXType_UShort || k == CXType_UChar;
}

static int is_signed_kind(enum CXTypeKind k)
{
	return k == CXType_Int || k == CXType_Long || k == CXType_LongLong ||
	       k == CXType_Short || k == CXType_SChar || k == CXType_Char_S;
}

static enum CXTypeKind canonical_kind(CXCursor c)
{
	return clang_getCanonicalType(clang_getCursorType(c)).kind;
}

/* The line and column visit_call() gives the call fact of call expression c. */
static void call_position(const struct parse_ctx *ctx, CXCursor c, unsigned *line, unsigned *col)
{
	CXFile file;

	clang_getSpellingLocation(clang_getCursorLocation(c), &file, line, col, NULL);
	if (!file || !clang_File_isEqual(file, ctx->main))
		clang_getExpansionLocation(clang_getCursorLocation(c), NULL, line, col, NULL);
}

/* The acquire call fact (from first on) of call expression c, or NULL. */
static struct call_fact *acquire_of(struct parse_ctx *ctx, CXCursor c, size_t first)
{
	unsigned line, col;

	if (clang_getCursorKind(c) != CXCursor_CallExpr)
		return NULL;
	call_position(ctx, c, &line, &col);
	for (size_t i = first; i < ctx->ff->ncalls; i++) {
		struct call_fact *cf = &ctx->ff->calls[i];

		if (cf->line == line && cf->col == col && api_is_acquire(cf->api))
			return cf;
	}
	return NULL;
}

static struct result_event *push_event(struct result_walk *w, CXCursor at,
				       enum result_event_kind kind)
{
	struct result_event *e;

	ALLOC_GROW(w->ev, w->nev + 1, w->ev_alloc);
	e = &w->ev[w->nev++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->call = e->dst = e->side[0] = e->side[1] = clang_getNullCursor();
	e->at = at;
	clang_getExpansionLocation(clang_getCursorLocation(at), NULL, &e->line, NULL, &e->off);
	return e;
}

/* "x = call()" or "T x = call()": the stored call and where it goes. */
static void note_store(struct result_walk *w, CXCursor at, CXCursor dst, CXCursor value)
{
	CXCursor v = strip(value);
	struct result_event *e;

	if (clang_getCursorKind(v) != CXCursor_CallExpr)
		return;
	e = push_event(w, at, EV_STORE);
	e->call = v;
	e->dst = clang_getCursorKind(dst) == CXCursor_DeclRefExpr ?
		 clang_getCursorReferenced(dst) : dst;
}

struct stmts {
	CXCursor *v;
	size_t n, alloc;
};

static enum CXChildVisitResult stmts_visitor(CXCursor c, CXCursor parent __attribute__((unused)),
					     CXClientData data)
{
	struct stmts *l = data;

	ALLOC_GROW(l->v, l->n + 1, l->alloc);
	l->v[l->n++] = c;
	return CXChildVisit_Continue;
}

/*
 * The statements of block c that a goto or return follows: what such a statement stores goes
 * there.  Only a statement of its own (an expression, a declaration), not an if or a loop whose
 * body holds the store and its own tests.
 */
static void note_seals(struct result_walk *w, CXCursor c)
{
	struct stmts l = { 0 };

	clang_visitChildren(c, stmts_visitor, &l);
	for (size_t i = 0; i + 1 < l.n; i++) {
		enum CXCursorKind k = clang_getCursorKind(l.v[i + 1]);
		enum CXCursorKind own = clang_getCursorKind(l.v[i]);
		CXSourceRange r = clang_getCursorExtent(l.v[i]);
		struct result_event *e;

		if (k != CXCursor_GotoStmt && k != CXCursor_ReturnStmt)
			continue;
		if (!clang_isExpression(own) && own != CXCursor_DeclStmt)
			continue;
		e = push_event(w, l.v[i], EV_SEAL);
		clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &e->off);
		clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &e->off_end);
		if (k == CXCursor_GotoStmt) {
			struct kids kids = { .n = 0 };

			clang_visitChildren(l.v[i + 1], kids_visitor, &kids);
			e->label = kids.n ? cursor_name(kids.c[0]) : xstrdup("");
		}
	}
	free(l.v);
}

static enum CXChildVisitResult result_visitor(CXCursor c, CXCursor parent __attribute__((unused)),
					      CXClientData data)
{
	struct result_walk *w = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	struct kids kids = { .n = 0 };

	if (k == CXCursor_CompoundStmt) {
		note_seals(w, c);
		return CXChildVisit_Recurse;
	}
	if (k == CXCursor_LabelStmt) {
		push_event(w, c, EV_LABEL)->label = cursor_name(c);
		return CXChildVisit_Recurse;
	}

	if (k == CXCursor_VarDecl) {
		clang_visitChildren(c, kids_visitor, &kids);
		if (kids.n && clang_isExpression(clang_getCursorKind(kids.c[kids.n - 1])))
			note_store(w, c, c, kids.c[kids.n - 1]);
		return CXChildVisit_Recurse;
	}
	if (k != CXCursor_BinaryOperator)
		return CXChildVisit_Recurse;
	clang_visitChildren(c, kids_visitor, &kids);
	if (kids.n != 2)
		return CXChildVisit_Recurse;
	enum CXBinaryOperatorKind b = clang_getCursorBinaryOperatorKind(c);

	if (b == CXBinaryOperator_Assign) {
		note_store(w, c, strip(kids.c[0]), kids.c[1]);
	} else if (b >= CXBinaryOperator_LT && b <= CXBinaryOperator_NE) {
		struct result_event *e = push_event(w, c, EV_CMP);

		e->side[0] = kids.c[0];
		e->side[1] = kids.c[1];
		e->relational = b <= CXBinaryOperator_GE;
	}
	return CXChildVisit_Recurse;
}

/* Is operand side (stripped) the stored value: the variable dst, the member text, the call? */
static int names_value(struct parse_ctx *ctx, CXCursor side, const struct result_event *st,
		       const char *member)
{
	CXCursor s = strip(side);

	if (clang_equalCursors(s, st->call))
		return 1;
	if (clang_getCursorKind(s) == CXCursor_DeclRefExpr)
		return clang_equalCursors(clang_getCursorReferenced(s), st->dst);
	if (member && clang_getCursorKind(s) == CXCursor_MemberRefExpr) {
		char *t = cursor_text(ctx, s);
		int same = !strcmp(t, member);

		free(t);
		return same;
	}
	return 0;
}

/* Is side an integer constant <= 0 (the "< 0", "<= 0", "> 0" of a failure test)? */
static int is_zero_bound(CXCursor side)
{
	CXEvalResult ev = clang_Cursor_Evaluate(side);
	int ret = 0;

	if (ev && clang_EvalResult_getKind(ev) == CXEval_Int)
		ret = clang_EvalResult_getAsLongLong(ev) <= 0;
	if (ev)
		clang_EvalResult_dispose(ev);
	return ret;
}

/* Does buf[from, to) test IS_ERR_VALUE(name)? */
static int text_tests_err_value(const struct parse_ctx *ctx, unsigned from, unsigned to,
				const char *name)
{
	size_t n = strlen(name);

	for (const char *p = ctx->buf + from; p && p < ctx->buf + to; p++) {
		const char *q;

		p = memmem(p, ctx->buf + to - p, "IS_ERR_VALUE(", 13);
		if (!p)
			return 0;
		q = p + 13;
		while (*q == ' ' || *q == '(')
			q++;
		if (!strncmp(q, name, n) && !is_ident_char(q[n]))
			return 1;
	}
	return 0;
}

/*
 * Where the comparisons of store s's value start: after a store statement a goto follows, at
 * the goto's label ("ret = gup(); goto out;": a loop between does not see that ret); UINT_MAX
 * after a store statement a return follows, or a goto back; 0 else.
 */
static unsigned reach_from(const struct result_walk *w, const struct result_event *s)
{
	const struct result_event *seal = NULL;

	for (size_t i = 0; i < w->nev; i++) {
		const struct result_event *e = &w->ev[i];

		if (e->kind == EV_SEAL && s->off >= e->off && s->off < e->off_end &&
		    (!seal || e->off_end - e->off < seal->off_end - seal->off))
			seal = e;
	}
	if (!seal)
		return 0;
	if (!seal->label)
		return UINT_MAX;
	for (size_t j = 0; j < w->nev; j++)
		if (w->ev[j].kind == EV_LABEL && !strcmp(w->ev[j].label, seal->label))
			return w->ev[j].off > s->off ? w->ev[j].off : UINT_MAX;
	return 0;
}

/* The comparisons after store st (events st+1 .. until the next store of the same call). */
static void judge_compares(struct parse_ctx *ctx, struct result_walk *w, size_t st,
			   struct call_fact *cf, const char *member)
{
	const struct result_event *s = &w->ev[st];
	char *name = cursor_name(s->dst);
	unsigned from = reach_from(w, s);

	for (size_t i = st + 1; i < w->nev; i++) {
		const struct result_event *e = &w->ev[i];
		int this, neg;

		if (e->kind == EV_STORE && clang_equalCursors(e->call, s->call))
			break;
		if (e->kind != EV_CMP || e->off < from)
			continue;
		this = names_value(ctx, e->side[0], s, member) ? 0 :
		       names_value(ctx, e->side[1], s, member) ? 1 : -1;
		if (this < 0)
			continue;
		neg = is_signed_kind(canonical_kind(e->side[this])) && is_zero_bound(e->side[!this]);
		if (neg && !cf->neg_line)
			cf->neg_line = e->line;
		if (!cf->ucmp && e->relational && !is_zero_bound(e->side[!this]) &&
		    is_unsigned_kind(canonical_kind(e->side[this])) &&
		    !is_unsigned_kind(canonical_kind(strip(e->side[this])))) {
			cf->ucmp = cursor_text(ctx, e->at);
			cf->ucmp_line = e->line;
			cf->ucmp_guarded = cf->neg_line != 0 ||
				text_tests_err_value(ctx, s->off, e->off, name);
		}
	}
	if (!cf->neg_line && text_tests_err_value(ctx, s->off, ctx->fn_end, name))
		cf->neg_line = s->line;
	free(name);
}

/* The acquire of store event st: where its result goes, that type, its comparisons. */
static void note_result(struct parse_ctx *ctx, struct result_walk *w, size_t st, size_t first)
{
	const struct result_event *s = &w->ev[st];
	struct call_fact *cf = acquire_of(ctx, s->call, first);
	char *member = NULL;
	CXString ts;

	if (!cf || cf->result_to)
		return;
	if (clang_getCursorKind(s->dst) == CXCursor_MemberRefExpr) {
		member = cursor_text(ctx, s->dst);
		cf->result_to = xstrdup(member);
	} else {
		cf->result_to = cursor_name(s->dst);
	}
	ts = clang_getTypeSpelling(clang_getCanonicalType(clang_getCursorType(s->dst)));
	cf->result_type = xstrdup(clang_getCString(ts));
	clang_disposeString(ts);
	cf->result_unsigned = is_unsigned_kind(canonical_kind(s->dst));
	judge_compares(ctx, w, st, cf, member);
	free(member);
}

/* "if (call() < n)": a comparison of the call itself. */
static void note_direct(struct parse_ctx *ctx, const struct result_event *e, size_t first)
{
	for (int i = 0; i < 2; i++) {
		struct call_fact *cf = acquire_of(ctx, strip(e->side[i]), first);

		if (!cf || cf->ucmp || !e->relational)
			continue;
		if (is_unsigned_kind(canonical_kind(e->side[i])) &&
		    !is_unsigned_kind(canonical_kind(strip(e->side[i]))) &&
		    !is_zero_bound(e->side[!i])) {
			cf->ucmp = cursor_text(ctx, e->at);
			cf->ucmp_line = e->line;
		}
	}
}

/* The dirtying argument of a release (kernel.def DIRTY_ARG: its position), as written. */
static void note_dirty_args(struct parse_ctx *ctx, CXCursor c, size_t first);

void note_results(struct parse_ctx *ctx, CXCursor fn, size_t first)
{
	struct result_walk w = { .ctx = ctx };
	int any = 0;

	for (size_t i = first; i < ctx->ff->ncalls; i++)
		any |= api_is_acquire(ctx->ff->calls[i].api) ||
		       kernel_arg(ctx->ff->calls[i].api->name, ROLE_DIRTY_ARG) >= 0;
	if (!any)
		return;
	clang_visitChildren(fn, result_visitor, &w);
	for (size_t i = 0; i < w.nev; i++) {
		if (w.ev[i].kind == EV_STORE)
			note_result(ctx, &w, i, first);
		else if (w.ev[i].kind == EV_CMP)
			note_direct(ctx, &w.ev[i], first);
	}
	for (size_t i = 0; i < w.nev; i++)
		free(w.ev[i].label);
	free(w.ev);
	note_dirty_args(ctx, fn, first);
}

struct dirty_walk {
	struct parse_ctx *ctx;
	size_t first;
};

static enum CXChildVisitResult dirty_visitor(CXCursor c, CXCursor parent __attribute__((unused)),
					     CXClientData data)
{
	struct dirty_walk *w = data;
	unsigned line, col;
	int argno;

	if (clang_getCursorKind(c) != CXCursor_CallExpr)
		return CXChildVisit_Recurse;
	call_position(w->ctx, c, &line, &col);
	for (size_t i = w->first; i < w->ctx->ff->ncalls; i++) {
		struct call_fact *cf = &w->ctx->ff->calls[i];

		if (cf->line != line || cf->col != col || cf->dirty_arg)
			continue;
		argno = kernel_arg(cf->api->name, ROLE_DIRTY_ARG);
		if (argno >= 0 && argno < clang_Cursor_getNumArguments(c))
			cf->dirty_arg = cursor_text(w->ctx, clang_Cursor_getArgument(c,
							(unsigned)argno));
	}
	return CXChildVisit_Recurse;
}

static void note_dirty_args(struct parse_ctx *ctx, CXCursor c, size_t first)
{
	struct dirty_walk w = { .ctx = ctx, .first = first };

	clang_visitChildren(c, dirty_visitor, &w);
}
