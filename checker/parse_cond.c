/* The if branches of a function, the condition that leads into each and what it tests. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "kernel.h"
#include "parse_ctx.h"

static const char *const cond_class_names[] = {
	[COND_OTHER] = "other", [COND_RESULT] = "result", [COND_KIND] = "kind",
};

const char *cond_class_name(enum cond_class c)
{
	return (unsigned)c < sizeof(cond_class_names) / sizeof(*cond_class_names) ?
	       cond_class_names[c] : "other";
}

char *branch_condition(const struct parse_ctx *ctx, CXCursor c)
{
	const struct branch *best = NULL;
	unsigned off;

	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, NULL, NULL, &off);
	for (size_t i = 0; i < ctx->nbranches; i++) {
		const struct branch *b = &ctx->branches[i];

		if (!b->is_case && b->begin <= off && off < b->end &&
		    (!best || b->end - b->begin < best->end - best->begin))
			best = b;
	}
	return best ? xstrdup(best->cond) : NULL;
}

char *branch_arms(struct parse_ctx *ctx, CXCursor c)
{
	struct strbuf sb = { 0 };
	unsigned off;

	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, NULL, NULL, &off);
	for (size_t i = 0; i < ctx->nbranches; i++) {
		const struct branch *b = &ctx->branches[i];

		if (b->begin <= off && off < b->end) {
			strbuf_addf(&sb, "%s%u:%d", sb.len ? "," : "", b->if_at, b->arm);
			ctx->branches[i].used = 1;
		}
	}
	if (!sb.len) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

/* Children of an if statement: condition, then, else. */
static enum CXChildVisitResult
if_kids_visitor(CXCursor c, CXCursor parent __attribute__((unused)), CXClientData data)
{
	struct kids *k = data;

	if (k->n < 3 && (clang_isExpression(clang_getCursorKind(c)) ||
			 clang_isStatement(clang_getCursorKind(c))))
		k->c[k->n++] = c;
	return CXChildVisit_Continue;
}

/* The call name a condition's text starts with when it is that call alone: "test_bit(...)". */
static int text_call_has(const char *t, enum kernel_role role)
{
	char name[64];
	size_t n = 0;

	while (*t == '!' || *t == '(' || *t == ' ')
		t++;
	while (n < sizeof(name) - 1 && is_ident_char(t[n])) {
		name[n] = t[n];
		n++;
	}
	name[n] = 0;
	return n && t[n] == '(' && kernel_has(name, role);
}

static enum cond_class classify(struct parse_ctx *ctx, CXCursor e, int depth);

/*
 * The class of "a && b" / "a || b": a result test when one is; else a kind test when both
 * are, or for "&&" when one is ("pin->pages[j] && !kernel": the release needs the kind).
 */
static enum cond_class classify_logic(struct parse_ctx *ctx, CXCursor e, int depth)
{
	struct kids kids = { .n = 0 };
	enum cond_class a, b;

	clang_visitChildren(e, kids_visitor, &kids);
	if (kids.n != 2)
		return COND_OTHER;
	a = classify(ctx, kids.c[0], depth + 1);
	b = classify(ctx, kids.c[1], depth + 1);
	if (a == COND_RESULT || b == COND_RESULT)
		return COND_RESULT;
	if (a == COND_KIND && b == COND_KIND)
		return COND_KIND;
	if ((a == COND_KIND || b == COND_KIND) &&
	    clang_getCursorBinaryOperatorKind(e) == CXBinaryOperator_LAnd)
		return COND_KIND;
	return COND_OTHER;
}

/*
 * A constant named in the source: an enum constant, or a number written as one macro name
 * (HMM_BO_MEM_TYPE_PFN), not as digits, NULL or an errno (-EFAULT is a negation, not a name).
 */
static int named_constant(struct parse_ctx *ctx, CXCursor k)
{
	char *text;
	int named = 1;

	if (clang_getCursorKind(k) == CXCursor_DeclRefExpr)
		return clang_getCursorKind(clang_getCursorReferenced(k)) == CXCursor_EnumConstantDecl;
	if (clang_getCursorKind(k) != CXCursor_IntegerLiteral)
		return 0;
	text = cursor_text(ctx, k);
	if (!text[0] || isdigit((unsigned char)text[0]) || !strcmp(text, "NULL"))
		named = 0;
	for (const char *t = text; named && *t; t++)
		named = is_ident_char(*t);
	free(text);
	return named;
}

/*
 * Is field name, wherever the file assigns it ("->name = X", ".name = X"), given named
 * constants only (X one upper-case name: "bo->mem_type = HMM_BO_MEM_TYPE_PFN"), and at least
 * once?  A field that takes a call's result or a count ("r->got = pin_user_pages(...)") holds
 * no kind.
 */
static int field_scan(const struct parse_ctx *ctx, const char *name)
{
	const char *end = ctx->buf + ctx->len;
	size_t n = strlen(name);
	int constants = 0;

	for (const char *p = ctx->buf; p < end && (p = memmem(p, end - p, name, n)); p += n) {
		const char *q = p + n, *r;

		if (p - ctx->buf < 2 || !(p[-1] == '.' || (p[-1] == '>' && p[-2] == '-')) ||
		    (q < end && is_ident_char(*q)))
			continue;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q + 1 >= end || *q != '=' || q[1] == '=')
			continue;
		for (q++; q < end && (*q == ' ' || *q == '\t'); q++)
			;
		for (r = q; r < end && (*r == '_' || isupper((unsigned char)*r) ||
					 isdigit((unsigned char)*r)); r++)
			;
		while (r < end && (*r == ' ' || *r == '\t'))
			r++;
		if (r == q || isdigit((unsigned char)*q) || r >= end || *r != ';')
			return 0;
		constants++;
	}
	return constants > 0;
}

/* field_scan(), once a file and field (the file's text is searched whole). */
static int field_takes_constants(struct parse_ctx *ctx, const char *name)
{
	int yes;

	if (strvec_has(&ctx->kind_fields, name))
		return 1;
	if (strvec_has(&ctx->count_fields, name))
		return 0;
	yes = field_scan(ctx, name);
	strvec_push(yes ? &ctx->kind_fields : &ctx->count_fields, name);
	return yes;
}

/*
 * A comparison: of a bitwise "&" ("(flags & FOLL_PIN) != 0"), or an equality of an enum
 * constant, or of a member the file only ever sets to named constants with one of them
 * ("bo->mem_type == HMM_BO_MEM_TYPE_PFN": which kind an object holds; a field holding a call's
 * result, "r->got == NR", is a count), a kind test, else a result test.
 */
static enum cond_class classify_compare(struct parse_ctx *ctx, CXCursor e, int equality)
{
	struct kids kids = { .n = 0 };
	int named = 0, enumc = 0;

	clang_visitChildren(e, kids_visitor, &kids);
	for (unsigned i = 0; i < kids.n; i++) {
		CXCursor k = strip(kids.c[i]);

		if (clang_getCursorKind(k) == CXCursor_BinaryOperator &&
		    clang_getCursorBinaryOperatorKind(k) == CXBinaryOperator_And)
			return COND_KIND;
		if (equality && named_constant(ctx, k)) {
			named = 1;
			enumc |= clang_getCursorKind(k) == CXCursor_DeclRefExpr;
		}
	}
	if (enumc)
		return COND_KIND;
	for (unsigned i = 0; named && i < kids.n; i++) {
		CXCursor k = strip(kids.c[i]);
		char *field;
		int kind;

		if (clang_getCursorKind(k) != CXCursor_MemberRefExpr)
			continue;
		field = cursor_name(k);
		kind = field_takes_constants(ctx, field);
		free(field);
		if (kind)
			return COND_KIND;
	}
	return COND_RESULT;
}

static enum cond_class classify_binary(struct parse_ctx *ctx, CXCursor e, int depth)
{
	switch (clang_getCursorBinaryOperatorKind(e)) {
	case CXBinaryOperator_And:
		return COND_KIND;
	case CXBinaryOperator_LAnd:
	case CXBinaryOperator_LOr:
		return classify_logic(ctx, e, depth);
	case CXBinaryOperator_EQ: case CXBinaryOperator_NE:
		return classify_compare(ctx, e, 1);
	case CXBinaryOperator_LT:
	case CXBinaryOperator_GT: case CXBinaryOperator_LE: case CXBinaryOperator_GE:
		return classify_compare(ctx, e, 0);
	default:
		return COND_OTHER;
	}
}

/* What flag_local() looks for: the local, and whether a value other than 0 or 1 reaches it. */
struct flag_scan {
	struct parse_ctx *ctx;
	CXCursor var;
	int other;
};

/* Is e the literal 0 or 1 (through parentheses and casts)? */
/*
 * Is e a flag's value: the literal 0 or 1, or a bit test ("SCIF_MAP_KERNEL & pin->map_flags")?
 * A comparison is not: "err = got != npages" keeps a result test.
 */
static int flag_value(struct parse_ctx *ctx, CXCursor e)
{
	char *t;
	int ret;

	e = strip(e);
	if (clang_getCursorKind(e) == CXCursor_BinaryOperator)
		return clang_getCursorBinaryOperatorKind(e) == CXBinaryOperator_And;
	if (clang_getCursorKind(e) != CXCursor_IntegerLiteral)
		return 0;
	t = cursor_text(ctx, e);
	ret = !strcmp(t, "0") || !strcmp(t, "1");
	free(t);
	return ret;
}

static int refers_to(CXCursor e, CXCursor var)
{
	e = strip(e);
	return clang_getCursorKind(e) == CXCursor_DeclRefExpr &&
	       clang_equalCursors(clang_getCursorReferenced(e), var);
}

static enum CXChildVisitResult flag_visitor(CXCursor c, CXCursor parent __attribute__((unused)),
					    CXClientData data)
{
	struct flag_scan *fs = data;
	struct kids kids = { .n = 0 };
	enum CXCursorKind k = clang_getCursorKind(c);

	if (k == CXCursor_UnaryOperator) {
		enum CXUnaryOperatorKind u = clang_getCursorUnaryOperatorKind(c);

		clang_visitChildren(c, kids_visitor, &kids);
		if (u != CXUnaryOperator_AddrOf && u != CXUnaryOperator_LNot &&
		    u != CXUnaryOperator_Minus && kids.n == 1 && refers_to(kids.c[0], fs->var))
			fs->other = 1;	/* ++, -- */
	} else if (k == CXCursor_BinaryOperator || k == CXCursor_CompoundAssignOperator) {
		int assign = k == CXCursor_CompoundAssignOperator ||
			     clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Assign;

		clang_visitChildren(c, kids_visitor, &kids);
		if (assign && kids.n == 2 && refers_to(kids.c[0], fs->var) &&
		    (k == CXCursor_CompoundAssignOperator || !flag_value(fs->ctx, kids.c[1])))
			fs->other = 1;
	}
	return fs->other ? CXChildVisit_Break : CXChildVisit_Recurse;
}

/*
 * Is the integer local var a flag: initialised and assigned, in its function, only the
 * literals 0 and 1 or bit tests ("kernel = SCIF_MAP_KERNEL & pin->map_flags"; a callee
 * may set it through its address: 9p's "need_drop")?  A local
 * that takes a call's value, an error code or a count ("err = f()", "ret = -EFAULT", "got++")
 * is a result.
 */
static int flag_local(struct parse_ctx *ctx, CXCursor var)
{
	struct flag_scan fs = { .ctx = ctx, .var = var };
	struct kids kids = { .n = 0 };

	if (clang_Cursor_isNull(ctx->fn_cursor) ||
	    !clang_equalCursors(clang_getCursorSemanticParent(var), ctx->fn_cursor))
		return 0;
	clang_visitChildren(var, kids_visitor, &kids);
	for (unsigned i = 0; i < kids.n; i++)
		if (clang_isExpression(clang_getCursorKind(kids.c[i])) &&
		    !flag_value(ctx, kids.c[i]))
			return 0;
	clang_visitChildren(ctx->fn_cursor, flag_visitor, &fs);
	return !fs.other;
}

/*
 * A variable or member tested for truth: an integer local is a result or count ("err",
 * "!ret") unless only 0 and 1 are ever put in it (flag_local()); a bool, a member, a parameter
 * (a flag the caller gives) or a pointer (which buffer the caller gave: vchiq's "if (buf)") is
 * a flag on the pages' kind.
 */
static enum cond_class classify_ref(struct parse_ctx *ctx, CXCursor e)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(e));
	CXCursor d = clang_getCursorReferenced(e);

	if (t.kind == CXType_Pointer || t.kind == CXType_Bool ||
	    clang_getCursorKind(e) == CXCursor_MemberRefExpr ||
	    clang_getCursorKind(d) == CXCursor_ParmDecl)
		return COND_KIND;
	if (clang_getCursorKind(d) == CXCursor_VarDecl && flag_local(ctx, d))
		return COND_KIND;
	return COND_RESULT;
}

/* What the condition e tests (enum cond_class), from its form; depth bounds the recursion. */
static enum cond_class classify(struct parse_ctx *ctx, CXCursor e, int depth)
{
	struct kids kids = { .n = 0 };
	enum CXCursorKind k;
	char *name;
	enum cond_class cls = COND_OTHER;

	e = strip(e);
	k = clang_getCursorKind(e);
	if (depth > 8)
		return COND_OTHER;
	if (k == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(e) == CXUnaryOperator_LNot) {
		clang_visitChildren(e, kids_visitor, &kids);
		return kids.n == 1 ? classify(ctx, kids.c[0], depth + 1) : COND_OTHER;
	}
	if (k == CXCursor_BinaryOperator)
		return classify_binary(ctx, e, depth);
	if (k == CXCursor_DeclRefExpr || k == CXCursor_MemberRefExpr)
		return classify_ref(ctx, e);
	if (k != CXCursor_CallExpr)
		return COND_OTHER;
	name = cursor_name(e);
	if (!strcmp(name, "__builtin_expect") && clang_Cursor_getNumArguments(e) > 0)
		cls = classify(ctx, clang_Cursor_getArgument(e, 0), depth + 1);
	else if (kernel_has(name, ROLE_KIND_TEST))
		cls = COND_KIND;
	else if (kernel_has(name, ROLE_RESULT_TEST))
		cls = COND_RESULT;
	free(name);
	return cls;
}

/*
 * The class of an if condition c with text cond: a macro named as a call (test_bit(), WARN_ON())
 * by its kernel.def row, else by its form (classify()).
 */
static enum cond_class cond_class_of(struct parse_ctx *ctx, CXCursor c, const char *cond)
{
	if (text_call_has(cond, ROLE_KIND_TEST))
		return COND_KIND;
	if (text_call_has(cond, ROLE_RESULT_TEST))
		return COND_RESULT;
	return classify(ctx, c, 0);
}

void visit_if(struct parse_ctx *ctx, CXCursor c)
{
	struct kids kids = { .n = 0 };
	char *cond;
	unsigned if_at, line;
	enum cond_class cls;

	clang_visitChildren(c, if_kids_visitor, &kids);
	if (kids.n < 2)
		return;
	cond = cursor_text(ctx, kids.c[0]);
	cls = cond_class_of(ctx, kids.c[0], cond);
	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, &line, NULL, &if_at);
	for (unsigned i = 1; i < kids.n; i++) {
		CXSourceRange r = clang_getCursorExtent(kids.c[i]);
		struct branch *b;

		ALLOC_GROW(ctx->branches, ctx->nbranches + 1, ctx->branches_alloc);
		b = &ctx->branches[ctx->nbranches++];
		clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &b->begin);
		clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &b->end);
		b->cond = i == 1 ? xstrdup(cond) : xasprintf("!(%s)", cond);
		b->if_at = if_at;
		b->arm = (int)i;
		b->line = line;
		b->cls = cls;
		b->used = 0;
		b->is_case = 0;
	}
	free(cond);
}

/* Add the if statement of branch b to the file's ifs (struct if_fact). */
static void keep_if(struct parse_ctx *ctx, const struct branch *b)
{
	struct file_facts *ff = ctx->ff;

	ALLOC_GROW(ff->ifs, ff->nifs + 1, ff->ifs_alloc);
	ff->ifs[ff->nifs++] = (struct if_fact){
		.at = b->if_at, .line = b->line, .cls = b->cls, .cond = xstrdup(b->cond)
	};
}

/* Children of a switch's body: where each case label starts. */
struct cases {
	unsigned *at;
	size_t n, alloc;
};

static enum CXChildVisitResult
case_visitor(CXCursor c, CXCursor parent __attribute__((unused)), CXClientData data)
{
	struct cases *k = data;
	enum CXCursorKind kind = clang_getCursorKind(c);

	if (kind == CXCursor_CaseStmt || kind == CXCursor_DefaultStmt) {
		ALLOC_GROW(k->at, k->n + 1, k->alloc);
		clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(c)), NULL, NULL,
					   NULL, &k->at[k->n++]);
	}
	return CXChildVisit_Continue;
}

void visit_switch(struct parse_ctx *ctx, CXCursor c)
{
	struct kids kids = { .n = 0 };
	struct cases cases = { 0 };
	char *cond, *text;
	unsigned at, line, end;

	clang_visitChildren(c, if_kids_visitor, &kids);
	if (kids.n < 2 || clang_getCursorKind(kids.c[kids.n - 1]) != CXCursor_CompoundStmt)
		return;
	clang_visitChildren(kids.c[kids.n - 1], case_visitor, &cases);
	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, &line, NULL, &at);
	clang_getExpansionLocation(clang_getRangeEnd(clang_getCursorExtent(kids.c[kids.n - 1])),
				   NULL, NULL, NULL, &end);
	cond = cursor_text(ctx, kids.c[0]);
	text = xasprintf("switch (%s)", cond);
	for (size_t i = 0; i < cases.n; i++) {
		struct branch *b;

		ALLOC_GROW(ctx->branches, ctx->nbranches + 1, ctx->branches_alloc);
		b = &ctx->branches[ctx->nbranches++];
		*b = (struct branch){
			.begin = cases.at[i], .end = i + 1 < cases.n ? cases.at[i + 1] : end,
			.cond = xstrdup(text), .if_at = at, .arm = (int)i + 1, .line = line,
			.cls = COND_KIND, .is_case = 1,
		};
	}
	free(cases.at);
	free(cond);
	free(text);
}

void branches_clear(struct parse_ctx *ctx)
{
	for (size_t i = 0, j; i < ctx->nbranches; i = j) {
		int used = 0;

		for (j = i; j < ctx->nbranches && ctx->branches[j].if_at == ctx->branches[i].if_at;
		     j++)
			used |= ctx->branches[j].used;
		if (used && ctx->ff)
			keep_if(ctx, &ctx->branches[i]);
	}
	for (size_t i = 0; i < ctx->nbranches; i++)
		free(ctx->branches[i].cond);
	ctx->nbranches = 0;
}
