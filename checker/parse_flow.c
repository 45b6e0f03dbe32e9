/* Flows between locations: assignments, passes, returns, fills, frees, origins, completions. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "kernel.h"
#include "parse_ctx.h"

/* A page-typed operand outside any call: "(page) - vmemmap" in page_to_pfn(), an integer cast. */
static enum CXChildVisitResult
converted_visitor(CXCursor c, CXCursor parent __attribute__((unused)), CXClientData data)
{
	CXCursor *found = data;
	enum CXCursorKind k = clang_getCursorKind(c);

	if (k == CXCursor_CallExpr || !clang_isExpression(k))
		return CXChildVisit_Continue;
	if (is_page_type(clang_getCursorType(c)) &&
	    clang_getCursorKind(strip(c)) == CXCursor_DeclRefExpr) {
		*found = c;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

int is_number_type(CXType t)
{
	CXType c = clang_getCanonicalType(t);

	if (c.kind == CXType_Pointer)
		c = clang_getCanonicalType(clang_getPointeeType(c));
	return c.kind >= CXType_Bool && c.kind <= CXType_Int128;
}

/* Does location loc ("local:pfn", "&param:pfn_base", "field:struct s.pfn") name page numbers? */
static int is_pfn_location(const char *loc)
{
	const char *name = strrchr(loc, '.');

	if (!name)
		name = strrchr(loc, ':');
	return name && strncmp(loc, "call:", 5) && kernel_has(name + 1, ROLE_PFN_NAME);
}

/* Is loc the number of a page converted earlier in the function ("first = page_to_pfn(p)")? */
static int is_converted(const struct parse_ctx *ctx, const char *loc)
{
	while (*loc == '&')
		loc++;
	for (size_t i = ctx->fn_first_flow; i < ctx->ff->nflows; i++) {
		const struct flow_fact *f = &ctx->ff->flows[i];

		if (f->kind == FLOW_CONVERT && !strcmp(f->dst + strspn(f->dst, "&"), loc))
			return 1;
	}
	return 0;
}

/*
 * Where the number e stands for a page: *from_page is set when e converts a page
 * (page_to_pfn(page), page_to_phys(page)); else e must be a variable, parameter or field named
 * for page numbers (kernel.def's PFN_NAME) or converted from a page earlier in the function,
 * also as "*pfn_base", "pfn + i", "PFN_PHYS(pfn)".  NULL when e is neither.  Caller frees.
 */
static char *number_location(const struct parse_ctx *ctx, CXCursor e, int *from_page)
{
	CXCursor base = location_base(e);
	enum CXCursorKind k = clang_getCursorKind(base);
	char *loc;

	*from_page = is_page_type(clang_getCursorType(base));
	if (!*from_page && k != CXCursor_DeclRefExpr && k != CXCursor_MemberRefExpr)
		return NULL;
	loc = pages_location(e);
	if (*from_page || is_pfn_location(loc) || (ctx->fn && is_converted(ctx, loc)))
		return loc;
	free(loc);
	return NULL;
}

void add_flow(struct parse_ctx *ctx, CXCursor at, enum flow_kind kind, char *dst, char *src,
	      char *callee, int argno)
{
	struct flow_fact *f;

	if ((!ctx->fn && kind != FLOW_CALLBACK && kind != FLOW_OPS_SET) || (src && !strcmp(src, "null"))) {
		free(dst); free(src); free(callee);
		return;
	}
	ALLOC_GROW(ctx->ff->flows, ctx->ff->nflows + 1, ctx->ff->flows_alloc);
	f = &ctx->ff->flows[ctx->ff->nflows++];
	clang_getExpansionLocation(clang_getCursorLocation(at), NULL, &f->line, &f->col, NULL);
	f->kind = kind;
	f->function = xstrdup(ctx->fn ? ctx->fn : "");
	f->dst = dst;
	f->src = src;
	f->callee = callee;
	f->argno = argno;
	f->arms = kind == FLOW_ASSIGN || kind == FLOW_ORIGIN ? branch_arms(ctx, at) : NULL;
}

/*
 * Where a page that is not GUP's comes from: "pagecache:F", "alloc:F",
 * "kernel:F" (a kernel address turned into its page) or "zero" (ZERO_PAGE()).
 * NULL for anything else.  Caller frees.
 */
static char *origin_of(struct parse_ctx *ctx, CXCursor e)
{
	char *text = cursor_text(ctx, e), *name, *ret = NULL;

	e = strip(e);
	if (kernel_has(text, ROLE_ORIGIN_ZERO)) {
		free(text);
		return xstrdup("zero");
	}
	free(text);
	if (clang_getCursorKind(e) != CXCursor_CallExpr)
		return NULL;
	name = cursor_name(e);
	if (kernel_has(name, ROLE_ORIGIN_PAGECACHE))
		ret = xasprintf("pagecache:%s", name);
	else if (kernel_has(name, ROLE_ORIGIN_ALLOC))
		ret = xasprintf("alloc:%s", name);
	else if (kernel_has(name, ROLE_ORIGIN_KERNEL))
		ret = xasprintf("kernel:%s", name);
	free(name);
	return ret;
}

/* Record that location dst receives pages of origin e, if e has one. */
static void note_origin(struct parse_ctx *ctx, CXCursor at, char *dst, CXCursor e)
{
	char *o = origin_of(ctx, e);

	if (o)
		add_flow(ctx, at, FLOW_ORIGIN, dst, o, NULL, -1);
	else
		free(dst);
}

/* get_kernel_pages(kiov, n, write, pages): the array argument receives kernel pages. */
static void visit_origin_fill(struct parse_ctx *ctx, CXCursor c, const char *name, int n)
{
	int arg = kernel_arg(name, ROLE_ORIGIN_FILL);

	if (arg < 0 || arg >= n)
		return;
	add_flow(ctx, c, FLOW_ORIGIN, pages_location(clang_Cursor_getArgument(c, arg)),
		 xasprintf("kernel:%s", name), NULL, -1);
}

/* "bio->bi_end_io = f": the bio's pages reach f's bio parameter when the I/O completes. */
static void visit_end_io(struct parse_ctx *ctx, CXCursor at, CXCursor lhs, CXCursor rhs)
{
	struct kids kids = { .n = 0 };
	CXCursor f = strip(rhs), d;
	char *field;

	if (clang_getCursorKind(f) == CXCursor_UnaryOperator) {
		clang_visitChildren(f, kids_visitor, &kids);
		if (kids.n != 1)
			return;
		f = strip(kids.c[0]);
		kids.n = 0;
	}
	d = clang_getCursorReferenced(f);
	if (clang_getCursorKind(f) != CXCursor_DeclRefExpr ||
	    clang_getCursorKind(d) != CXCursor_FunctionDecl)
		return;
	field = cursor_name(clang_getCursorReferenced(lhs));
	clang_visitChildren(lhs, kids_visitor, &kids);
	if (!strcmp(field, "bi_end_io") && kids.n >= 1)
		add_flow(ctx, at, FLOW_ENDIO, xstrdup(field), pages_location(kids.c[0]),
			 cursor_name(d), 0);
	free(field);
}

/* bio_set_flag(bio, BIO_X), bio_clear_flag(), bio_flagged(): a flag set or tested on a bio. */
static void visit_bio_flag(struct parse_ctx *ctx, CXCursor c, const char *name)
{
	char *flag;

	if (!kernel_has(name, ROLE_BIO_FLAG))
		return;
	if (clang_Cursor_getNumArguments(c) != 2)
		return;
	flag = cursor_text(ctx, clang_Cursor_getArgument(c, 1));
	if (strncmp(flag, "BIO_", 4)) {
		free(flag);
		return;
	}
	add_flow(ctx, c, FLOW_FLAG, flag, pages_location(clang_Cursor_getArgument(c, 0)),
		 xstrdup(name), -1);
}

/* A call to a container fill: a flow from its page argument into its container, naming the fill. */
static void visit_fill(struct parse_ctx *ctx, CXCursor c, const char *name)
{
	int n = clang_Cursor_getNumArguments(c), box = -1, page = -1;

	for (int i = 0; i < n; i++) {
		CXType t = clang_getCursorType(clang_Cursor_getArgument(c, i));

		if (page < 0 && is_page_type(t))
			page = i;
		else if (box < 0 && is_pageish(t))
			box = i;
	}
	if (box >= 0 && page >= 0) {
		add_flow(ctx, c, FLOW_ASSIGN, pages_location(clang_Cursor_getArgument(c, box)),
			 pages_location(clang_Cursor_getArgument(c, page)), xstrdup(name), -1);
		note_origin(ctx, c, pages_location(clang_Cursor_getArgument(c, box)),
			    clang_Cursor_getArgument(c, page));
	}
}

/* kfree(obj) and friends: the function ends the life of an object of obj's struct type. */
static void visit_free(struct parse_ctx *ctx, CXCursor c, const char *name)
{
	int arg = kernel_arg(name, ROLE_FREE);
	CXString ts;
	const char *t;

	if (arg < 0 || clang_Cursor_getNumArguments(c) <= arg)
		return;
	ts = clang_getTypeSpelling(clang_getCanonicalType(
		clang_getCursorType(strip(clang_Cursor_getArgument(c, arg)))));
	t = unqualified(clang_getCString(ts));
	/* exactly "struct NAME *" */
	if (!strncmp(t, "struct ", 7) && strlen(t) > 9 && !strcmp(t + strlen(t) - 2, " *") &&
	    strcspn(t + 7, " *") == strlen(t) - 9)
		add_flow(ctx, c, FLOW_FREE, xstrndup(t, strlen(t) - 2), NULL, xstrdup(name), -1);
	clang_disposeString(ts);
	note_embedded_frees(ctx, c, clang_getCursorType(strip(clang_Cursor_getArgument(c, arg))),
			    name);
}

/* Is identifier var read in buf[from, to)? */
static int read_after(const char *buf, size_t from, size_t to, const char *var)
{
	size_t n = strlen(var);

	for (const char *p = buf + from; (p = memmem(p, to - (p - buf), var, n)); p += n)
		if ((p == buf || !is_ident_char(p[-1])) && !is_ident_char(p[n]))
			return 1;
	return 0;
}

/*
 * The bio merge functions say through "bool *same_page" that a page went into
 * the segment that already holds it: the caller then holds one reference too
 * many and must drop it (GUP.md: "pin leak when a bio merged the same page
 * twice and released it once").  Record a merge whose answer is never read.
 */
static void visit_merge(struct parse_ctx *ctx, CXCursor c, const char *name)
{
	int n = clang_Cursor_getNumArguments(c), page = -1, i;
	size_t fn_end = ctx->fn_end < ctx->len ? ctx->fn_end : ctx->len;
	unsigned end;

	if (!kernel_has(name, ROLE_BIO_MERGE) || !ctx->fn)
		return;
	clang_getExpansionLocation(clang_getRangeEnd(clang_getCursorExtent(c)), NULL, NULL, NULL,
				   &end);
	for (i = 0; i < n; i++)
		if (is_page_type(clang_getCursorType(clang_Cursor_getArgument(c, i))) && page < 0)
			page = i;
	for (i = 0; i < n && page >= 0; i++) {
		CXCursor a = strip(clang_Cursor_getArgument(c, i));
		struct kids kids = { .n = 0 };
		char *var;

		if (clang_getCursorKind(a) != CXCursor_UnaryOperator ||
		    clang_getCursorUnaryOperatorKind(a) != CXUnaryOperator_AddrOf)
			continue;
		clang_visitChildren(a, kids_visitor, &kids);
		if (kids.n != 1 || clang_getCursorKind(strip(kids.c[0])) != CXCursor_DeclRefExpr)
			continue;
		var = cursor_name(clang_getCursorReferenced(strip(kids.c[0])));
		if (!read_after(ctx->buf, end, fn_end, var))
			add_flow(ctx, c, FLOW_MERGE, var,
				 pages_location(clang_Cursor_getArgument(c, page)),
				 xstrdup(name), -1);
		else
			free(var);
	}
}

/* Is there a flow of kind to callee among ff->flows[from..], in function fn unless it is NULL? */
static int has_flow(const struct parse_ctx *ctx, size_t from, enum flow_kind kind,
		    const char *callee, const char *fn)
{
	for (size_t i = from; i < ctx->ff->nflows; i++) {
		const struct flow_fact *f = &ctx->ff->flows[i];

		if (f->kind == kind && !strcmp(f->callee, callee) &&
		    (!fn || !strcmp(f->function, fn)))
			return 1;
	}
	return 0;
}

/* Does the arms list arms ("IF:ARM,...") hold the entry of length n at e? */
static int arms_hold(const char *arms, const char *e, size_t n)
{
	for (const char *a = arms; a && *a; a = strchr(a, ',') ? strchr(a, ',') + 1 : NULL)
		if (!strncmp(a, e, n) && (a[n] == ',' || !a[n]))
			return 1;
	return 0;
}

/* The entries of arms list a that b holds too, in a's order (a new string), or NULL if none. */
static char *arms_common(const char *a, const char *b)
{
	struct strbuf sb = { 0 };

	for (const char *e = a; e && *e; e = strchr(e, ',') ? strchr(e, ',') + 1 : NULL) {
		size_t n = strcspn(e, ",");

		if (arms_hold(b, e, n))
			strbuf_addf(&sb, "%s%.*s", sb.len ? "," : "", (int)n, e);
	}
	if (!sb.len) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

/*
 * The FLOW_CALL fact of the call c to name, one per callee in a function: its arms are the if
 * branches around every call of name there (those all its calls sit in), NULL for none:
 * 9p's two p9_release_pages() calls under "if (need_drop)", each in its own inner if.
 */
static void add_call(struct parse_ctx *ctx, CXCursor c, const char *name)
{
	for (size_t i = ctx->fn_first_flow; i < ctx->ff->nflows; i++) {
		struct flow_fact *f = &ctx->ff->flows[i];
		char *arms, *common;

		if (f->kind != FLOW_CALL || strcmp(f->callee, name))
			continue;
		arms = f->arms ? branch_arms(ctx, c) : NULL;
		common = f->arms ? arms_common(f->arms, arms) : NULL;
		free(f->arms);
		f->arms = common;
		free(arms);
		return;
	}
	add_flow(ctx, c, FLOW_CALL, NULL, NULL, xstrdup(name), -1);
	ctx->ff->flows[ctx->ff->nflows - 1].arms = branch_arms(ctx, c);
}

/*
 * What a direct call to name says besides its page-typed arguments: the debug intrinsic, a
 * fill or an iterator link (nonzero: nothing more to record), a merge, a bio flag, the call
 * graph's edge and a free.
 */
static int visit_direct_call(struct parse_ctx *ctx, CXCursor c, const char *name, int n)
{
	if (!strcmp(name, "__gupcheck_where") && n == 1) {
		add_flow(ctx, c, FLOW_PROBE, NULL, pages_location(clang_Cursor_getArgument(c, 0)),
			 NULL, -1);
		return 1;
	}
	visit_merge(ctx, c, name);
	if (kernel_has(name, ROLE_FILL)) {
		visit_fill(ctx, c, name);
		return 1;
	}
	if (kernel_has(name, ROLE_ITER_LINK) && n >= 2) {
		/* the iterator receives the container's pages: bio_next_segment(bio, iter), */
		/* __sg_page_iter_start(piter, sgl, ...) */
		int it = is_pageish(clang_getCursorType(clang_Cursor_getArgument(c, 0)));

		add_flow(ctx, c, FLOW_ASSIGN, pages_location(clang_Cursor_getArgument(c, it)),
			 pages_location(clang_Cursor_getArgument(c, !it)), NULL, -1);
		return 1;
	}
	visit_bio_flag(ctx, c, name);
	visit_origin_fill(ctx, c, name, n);
	if (!ctx->fn)
		return 0;
	add_call(ctx, c, name);
	visit_free(ctx, c, name);
	return 0;
}

/* A call to any other function: each page-typed argument is passed to it. */
void visit_other_call(struct parse_ctx *ctx, CXCursor c, const char *name)
{
	int n = clang_Cursor_getNumArguments(c);
	int direct = clang_getCursorKind(clang_getCursorReferenced(c)) == CXCursor_FunctionDecl;

	if (direct && visit_direct_call(ctx, c, name, n))
		return;
	if (!direct && visit_ops_call(ctx, c, name))
		return;
	for (int i = 0; i < n; i++) {
		CXCursor arg = clang_Cursor_getArgument(c, i);
		CXType t = clang_getCursorType(arg);
		int from_page;
		char *num;

		if (is_pageish(t)) {
			add_flow(ctx, c, FLOW_PASS, NULL, pages_location(arg),
				 direct ? xstrdup(name) : xasprintf("(*%s)", name), i);
			continue;
		}
		/* put_pfn(page_to_pfn(page)), put_pfn(pfn): a page's number to a function */
		if (!direct || !is_number_type(t) || !(num = number_location(ctx, arg, &from_page)))
			continue;
		add_flow(ctx, c, FLOW_NUMBER, NULL, num, xstrdup(name), i);
	}
}

int is_number_param(CXCursor p)
{
	char *name;
	int ret;

	if (!is_number_type(clang_getCursorType(p)))
		return 0;
	name = cursor_name(p);
	ret = kernel_has(name, ROLE_PFN_NAME);
	free(name);
	return ret;
}

/*
 * A function named but not called: its address is taken, for a callback
 * (bi_end_io, .completion, kref_put()'s release).  Calls are visited before
 * their children, so the callee's own name is already in callee_at.
 */
void visit_function_ref(struct parse_ctx *ctx, CXCursor c)
{
	CXCursor d = clang_getCursorReferenced(c);
	unsigned off;
	char *name;

	if (clang_getCursorKind(d) != CXCursor_FunctionDecl)
		return;
	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, NULL, NULL, &off);
	for (size_t i = 0; i < ctx->ncallee_at; i++)
		if (ctx->callee_at[i] == off)
			return;
	name = cursor_name(d);
	if (has_flow(ctx, ctx->fn ? ctx->fn_first_flow : 0, FLOW_CALLBACK, name,
		     ctx->fn ? ctx->fn : "")) {
		free(name);
		return;
	}
	add_flow(ctx, c, FLOW_CALLBACK, NULL, NULL, name, -1);
}

/* The name of the function e calls directly, if a page-number function (PFN_NAME) returns it. */
static char *number_callee(CXCursor e)
{
	CXCursor d;
	char *name;

	e = strip(e);
	if (clang_getCursorKind(e) != CXCursor_CallExpr)
		return NULL;
	d = clang_getCursorReferenced(e);
	if (clang_getCursorKind(d) != CXCursor_FunctionDecl)
		return NULL;
	name = cursor_name(d);
	if (kernel_has(name, ROLE_PFN_NAME) && !kernel_has(name, ROLE_PAGE_NUMBER))
		return name;
	free(name);
	return NULL;
}

/*
 * "pfn = page_to_pfn(page)", "*pfn = page_to_pfn(pages[0])": the number is the page's place
 * (a conversion: the page itself also reaches a number gupcheck may not follow); "pfn =
 * *pfn_base": one page number copied (FLOW_NUMBER_COPY); "pfn = gfn_to_pfn(kvm, gfn)": the number
 * a page-number function (named for pfns) returns.  Other page-to-number arithmetic ("page - vmemmap", an
 * integer cast) is recorded as a pass to "(conversion)", which the flow cannot follow.
 */
static void visit_conversion(struct parse_ctx *ctx, CXCursor at, char *dst, CXCursor rhs)
{
	CXCursor found = clang_getNullCursor();
	enum CXTypeKind t = clang_getCanonicalType(clang_getCursorType(rhs)).kind;
	int from_page;
	char *src, *callee;

	if (t < CXType_Bool || t > CXType_Int128) {
		free(dst);
		return;
	}
	src = number_location(ctx, rhs, &from_page);
	if (src && (from_page || (strcmp(src, "expr") && strcmp(dst, "expr") &&
				  strcmp(src, dst)))) {
		add_flow(ctx, at, from_page ? FLOW_CONVERT : FLOW_NUMBER_COPY, dst, src, NULL, -1);
		return;
	}
	if (!src && strcmp(dst, "expr") && (callee = number_callee(rhs))) {
		add_flow(ctx, at, FLOW_NUMBER_COPY, dst, xasprintf("call:%s", callee), NULL, -1);
		free(callee);
		return;
	}
	free(dst);
	if (src || clang_getCursorKind(strip(rhs)) == CXCursor_CallExpr) {
		free(src);
		return;
	}
	clang_visitChildren(rhs, converted_visitor, &found);
	if (!clang_Cursor_isNull(found))
		add_flow(ctx, at, FLOW_PASS, NULL, pages_location(found), xstrdup("(conversion)"),
			 -1);
}

/* "p->pages = x": a page pointer or page array stored in a struct field. */
void visit_assign(struct parse_ctx *ctx, CXCursor c)
{
	struct kids kids = { .n = 0 };
	CXCursor lhs;
	CXString ts;
	int is_page;

	if (clang_getCursorBinaryOperatorKind(c) != CXBinaryOperator_Assign)
		return;
	clang_visitChildren(c, kids_visitor, &kids);
	if (kids.n != 2)
		return;
	if (is_pageish(clang_getCursorType(kids.c[0]))) {
		add_flow(ctx, c, FLOW_ASSIGN, pages_location(kids.c[0]), pages_location(kids.c[1]),
			 NULL, -1);
		note_origin(ctx, c, pages_location(kids.c[0]), kids.c[1]);
	} else {
		visit_conversion(ctx, c, pages_location(kids.c[0]), kids.c[1]);
	}
	if (clang_getCursorKind(strip(kids.c[0])) == CXCursor_MemberRefExpr)
		visit_end_io(ctx, c, strip(kids.c[0]), kids.c[1]);
	visit_ops_assign(ctx, c, strip(kids.c[0]), kids.c[1]);
	lhs = strip(kids.c[0]);
	if (clang_getCursorKind(lhs) != CXCursor_MemberRefExpr)
		return;
	ts = clang_getTypeSpelling(clang_getCanonicalType(clang_getCursorType(lhs)));
	is_page = kernel_has(clang_getCString(ts), ROLE_PAGE_TYPE);
	clang_disposeString(ts);
	if (!is_page)
		return;

	CXCursor field = clang_getCursorReferenced(lhs);
	unsigned line, col;
	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, &line, &col, NULL);
	ALLOC_GROW(ctx->ff->stores, ctx->ff->nstores + 1, ctx->ff->stores_alloc);
	struct store_fact *s = &ctx->ff->stores[ctx->ff->nstores++];
	s->line = line;
	s->col = col;
	s->function = ctx->fn ? xstrdup(ctx->fn) : NULL;
	s->struct_name = field_owner(field);
	s->field = cursor_name(field);
	s->value = cursor_text(ctx, kids.c[1]);
}

/* The last expression child of a cursor: a variable's initializer, a return statement's value. */
enum CXChildVisitResult
last_expr_visitor(CXCursor c, CXCursor parent __attribute__((unused)), CXClientData data)
{
	if (clang_isExpression(clang_getCursorKind(c)))
		*(CXCursor *)data = c;
	return CXChildVisit_Continue;
}

/*
 * "return pfn", "return page_to_pfn(page)" in a function returning an integer: the value is a
 * page's number, so the function's return value is that page's place; so is "return
 * hva_to_pfn(...)" in a function named for pfns that returns a page-number function's value.
 */
static void visit_number_return(struct parse_ctx *ctx, CXCursor c, CXCursor e)
{
	int from_page;
	char *loc = number_location(ctx, e, &from_page), *callee;

	if (loc && strcmp(loc, "expr")) {
		add_flow(ctx, c, FLOW_RETURN, NULL, loc, NULL, -1);
		return;
	}
	free(loc);
	if (!ctx->fn || !kernel_has(ctx->fn, ROLE_PFN_NAME) || !(callee = number_callee(e)))
		return;
	add_flow(ctx, c, FLOW_RETURN, NULL, xasprintf("call:%s", callee), NULL, -1);
	free(callee);
}

/* "struct page *p = x" and "return x": flows like an assignment. */
void visit_decl_or_return(struct parse_ctx *ctx, CXCursor c)
{
	CXCursor e = clang_getNullCursor();

	if (clang_getCursorKind(c) == CXCursor_VarDecl && !is_pageish(clang_getCursorType(c))) {
		clang_visitChildren(c, last_expr_visitor, &e);
		if (!clang_Cursor_isNull(e)) {
			char *name = cursor_name(c);

			visit_conversion(ctx, c, xasprintf("local:%s", name), e);
			free(name);
		}
		return;
	}
	if (clang_getCursorKind(c) == CXCursor_ReturnStmt && !ctx->ret_pages && !ctx->ret_number)
		return;
	clang_visitChildren(c, last_expr_visitor, &e);
	if (clang_Cursor_isNull(e))
		return;
	if (clang_getCursorKind(c) == CXCursor_ReturnStmt && !ctx->ret_pages) {
		visit_number_return(ctx, c, e);
		return;
	}
	if (clang_getCursorKind(c) == CXCursor_ReturnStmt) {
		add_flow(ctx, c, FLOW_RETURN, NULL, pages_location(e), NULL, -1);
	} else {
		char *name = cursor_name(c);

		add_flow(ctx, c, FLOW_ASSIGN, xasprintf("local:%s", name), pages_location(e), NULL,
			 -1);
		note_origin(ctx, c, xasprintf("local:%s", name), e);
		free(name);
	}
}
