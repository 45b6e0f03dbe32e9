/* Cursors and types as the parser reads them, and the locations where pages live. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "kernel.h"
#include "parse_ctx.h"

/* s[0..n) with each run of white space and line continuations one space, trimmed; caller frees. */
static char *fold_ws(const char *s, size_t n)
{
	struct strbuf sb = { 0 };
	int space = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\\' || s[i] == '\r') {
			space = sb.len > 0;
			continue;
		}
		if (space)
			strbuf_add(&sb, " ", 1);
		space = 0;
		strbuf_add(&sb, s + i, 1);
	}
	return strbuf_detach(&sb);
}

/* Skip a macro invocation written at buf[o]: its name and, if any, its balanced argument list. */
static unsigned skip_invocation(const char *buf, size_t len, unsigned o)
{
	int depth = 0;
	unsigned p;

	while (o < len && is_ident_char(buf[o]))
		o++;
	for (p = o; p < len && isspace((unsigned char)buf[p]); p++)
		;
	if (p >= len || buf[p] != '(')
		return o;
	for (; p < len; p++) {
		if (buf[p] == '(')
			depth++;
		else if (buf[p] == ')' && --depth == 0)
			return p + 1;
	}
	return o;
}

char *cursor_text(struct parse_ctx *ctx, CXCursor c)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXSourceLocation end = clang_getRangeEnd(r);
	CXFile f1, f2, fs;
	unsigned o1, o2, os;

	clang_getExpansionLocation(clang_getRangeStart(r), &f1, NULL, NULL, &o1);
	clang_getExpansionLocation(end, &f2, NULL, NULL, &o2);
	clang_getSpellingLocation(end, &fs, NULL, NULL, &os);
	/* An expression that ends inside a macro ends after that macro's invocation. */
	if (f2 && (!clang_File_isEqual(fs, f2) || os != o2))
		o2 = skip_invocation(ctx->buf, ctx->len, o2);
	if (f1 && clang_File_isEqual(f1, ctx->main) && clang_File_isEqual(f2, ctx->main) &&
	    o1 < o2 && o2 <= ctx->len)
		return fold_ws(ctx->buf + o1, o2 - o1);
	return cursor_name(c);
}

char *cursor_name(CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	char *ret = xstrdup(clang_getCString(s));

	clang_disposeString(s);
	return ret;
}

enum CXChildVisitResult kids_visitor(CXCursor c, CXCursor parent __attribute__((unused)),
				     CXClientData data)
{
	struct kids *k = data;

	if (k->n < 3)
		k->c[k->n++] = c;
	return CXChildVisit_Continue;
}

CXCursor strip(CXCursor c)
{
	for (int depth = 0; depth < 16; depth++) {
		enum CXCursorKind k = clang_getCursorKind(c);
		struct kids kids = { .n = 0 };

		if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr &&
		    k != CXCursor_CStyleCastExpr)
			break;
		clang_visitChildren(c, kids_visitor, &kids);
		if (!kids.n)
			break;
		c = kids.c[kids.n - 1];	/* a cast's last child is its operand */
	}
	return c;
}

/*
 * A type or member spelling without the machine's paths: clang spells unnamed
 * records "struct (anonymous at /abs/path/file.h:12:2)"; keep "file.h:12:2".
 * Caller frees.
 */
static char *clean_spelling(const char *s)
{
	struct strbuf sb = { 0 };
	const char *p;

	while ((p = strstr(s, "(anonymous at "))) {
		const char *end = strchr(p, ')'), *slash;

		p += 14;
		strbuf_add(&sb, s, p - s);
		if (!end)
			break;
		for (slash = end; slash > p && slash[-1] != '/'; slash--)
			;
		s = slash;
	}
	strbuf_addstr(&sb, s);
	return strbuf_detach(&sb);
}

/* Anonymous members take the name of the record around them. */
char *field_owner(CXCursor field)
{
	CXCursor parent = clang_getCursorSemanticParent(field);

	for (int i = 0; i < 8 && clang_Cursor_isAnonymous(parent); i++) {
		CXCursor up = clang_getCursorSemanticParent(parent);
		enum CXCursorKind k = clang_getCursorKind(up);

		if (k != CXCursor_StructDecl && k != CXCursor_UnionDecl)
			break;
		parent = up;
	}
	CXString s = clang_getTypeSpelling(clang_getCursorType(parent));
	char *ret = clean_spelling(clang_getCString(s));

	clang_disposeString(s);
	return ret;
}

const char *unqualified(const char *t)
{
	return strncmp(t, "const ", 6) ? t : t + 6;
}

/*
 * Struct types that carry pages only for a moment (containers, iterators, the
 * page itself): a field of one stands for the object that holds it, never for a
 * place where pages are kept across functions (kernel.def's CONTAINER types).
 */
static int is_container(const char *type)
{
	return kernel_has(unqualified(type), ROLE_CONTAINER);
}

int is_pageish(CXType t)
{
	CXType c = clang_getCanonicalType(t);
	CXString s;
	int ret;

	/* Most arguments are numbers: only pointers, arrays and records can hold pages. */
	if (c.kind != CXType_Pointer && c.kind != CXType_ConstantArray &&
	    c.kind != CXType_IncompleteArray && c.kind != CXType_Record)
		return 0;
	s = clang_getTypeSpelling(c);
	ret = kernel_has(unqualified(clang_getCString(s)), ROLE_HOLDS_PAGES);
	clang_disposeString(s);
	return ret;
}

int is_page_type(CXType t)
{
	CXType c = clang_getCanonicalType(t);
	CXString s;
	int ret;

	if (c.kind != CXType_Pointer && c.kind != CXType_ConstantArray &&
	    c.kind != CXType_IncompleteArray)
		return 0;
	s = clang_getTypeSpelling(c);
	ret = kernel_has(unqualified(clang_getCString(s)), ROLE_PAGE_TYPE);

	clang_disposeString(s);
	return ret;
}

/* The first page-typed expression among an initializer list's members, searched depth first. */
static enum CXChildVisitResult
page_member_visitor(CXCursor c, CXCursor parent __attribute__((unused)), CXClientData data)
{
	CXCursor *found = data;

	if (!clang_isExpression(clang_getCursorKind(c)))
		return CXChildVisit_Continue;
	if (is_page_type(clang_getCursorType(c))) {
		*found = c;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

/* Is declaration d at file scope? */
static int at_file_scope(CXCursor d)
{
	return clang_getCursorKind(clang_getCursorSemanticParent(d)) == CXCursor_TranslationUnit;
}

/* Does e name a variable of a function (not a parameter, not a global)? */
static int is_local_var(CXCursor e)
{
	CXCursor d = clang_getCursorReferenced(e);

	return clang_getCursorKind(e) == CXCursor_DeclRefExpr &&
	       clang_getCursorKind(d) == CXCursor_VarDecl && !at_file_scope(d);
}

/* "prefix:owner.f" for the field d of struct owner; frees owner, the caller frees the result. */
static char *field_key(const char *prefix, char *owner, CXCursor d)
{
	char *name = cursor_name(d), *ret = xasprintf("%s:%s.%s", prefix, owner, name);

	free(owner);
	free(name);
	return ret;
}

/* Is owner (a field_owner() spelling) a struct without a tag ("struct (unnamed at f.h:3:2)")? */
static int is_unnamed(const char *owner)
{
	return strchr(owner, '(') != NULL;
}

/* Is e a chain of "." accesses ending at a variable of a function ("x.a.b", no pointer crossed)? */
static int in_local_var(CXCursor e)
{
	for (int depth = 0; depth < 16; depth++) {
		struct kids kids = { .n = 0 };

		e = strip(e);
		if (clang_getCursorKind(e) != CXCursor_MemberRefExpr)
			return is_local_var(e);
		clang_visitChildren(e, kids_visitor, &kids);
		if (!kids.n || clang_getCursorType(kids.c[0]).kind == CXType_Pointer)
			return 0;
		e = kids.c[0];
	}
	return 0;
}

/*
 * The location of a field access, named by the innermost named struct that declares the field
 * (issue 14's embedded structs): "msg->tx.sgl" and "t->sgl" with "t = &msg->tx" are both
 * "field:struct tx_op.sgl".  A field of a container (or of a struct without a tag) stands for
 * the object that holds it, so "&umem->sgt_append.sgt" is "field:struct ib_umem.sgt_append".
 * A field reached from a local struct variable through "." alone ("x.f", "x.a.f") is "lfield:":
 * the same field, but not a heap object.
 */
static char *field_location(CXCursor e)
{
	CXCursor d = clang_getCursorReferenced(e);
	char *owner = field_owner(d);
	struct kids kids = { .n = 0 };

	clang_visitChildren(e, kids_visitor, &kids);
	if (!kids.n)
		return field_key("field", owner, d);
	if (is_container(owner) || is_unnamed(owner)) {
		free(owner);
		return pages_location(kids.c[0]);
	}
	if (clang_getCursorType(kids.c[0]).kind != CXType_Pointer && in_local_var(kids.c[0]))
		return field_key("lfield", owner, d);
	return field_key("field", owner, d);
}

/* The first descendant of a macro expansion that is spelled in file main: the argument as written. */
struct spelled_in {
	CXFile main;
	CXCursor found;
};

static enum CXChildVisitResult
spelled_visitor(CXCursor c, CXCursor parent __attribute__((unused)), CXClientData data)
{
	struct spelled_in *s = data;
	CXFile f;

	enum CXCursorKind k = clang_getCursorKind(c);

	/* into a statement expression's statements too: "({ WARN_ON(x); x & m; })" */
	if (!clang_isExpression(k))
		return clang_isStatement(k) || k == CXCursor_VarDecl ? CXChildVisit_Recurse
								       : CXChildVisit_Continue;
	clang_getSpellingLocation(clang_getRangeStart(clang_getCursorExtent(c)), &f, NULL, NULL,
				  NULL);
	if (f && clang_File_isEqual(f, s->main)) {
		s->found = c;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

/*
 * The name of the function-like macro whose expansion e is, read from the text where it is
 * written; NULL when e is not a macro's expansion (it starts where it is spelled).  Caller frees.
 */
static char *macro_name(CXCursor e, CXFile *where)
{
	CXSourceLocation start = clang_getRangeStart(clang_getCursorExtent(e));
	CXFile f, fs;
	unsigned o, os, i;
	size_t size;
	const char *buf;

	clang_getExpansionLocation(start, &f, NULL, NULL, &o);
	clang_getSpellingLocation(start, &fs, NULL, NULL, &os);
	/* a macro argument is spelled in the file it is expanded in: it is not the macro */
	if (!f || !fs || clang_File_isEqual(f, fs))
		return NULL;
	buf = clang_getFileContents(clang_Cursor_getTranslationUnit(e), f, &size);
	if (!buf || o >= size)
		return NULL;
	for (i = o; i < size && is_ident_char(buf[i]); i++)
		;
	*where = f;
	return i > o ? xstrndup(buf + o, i - o) : NULL;
}

int page_number_operand(CXCursor e, CXCursor *operand)
{
	enum CXCursorKind k = clang_getCursorKind(e);
	struct spelled_in s;
	char *name;
	int ret;

	/* a statement expression too: powerpc's __pa(x) is "({ VIRTUAL_BUG_ON(...); x & m; })" */
	if (k != CXCursor_CallExpr && k != CXCursor_BinaryOperator && k != CXCursor_ParenExpr &&
	    k != CXCursor_CStyleCastExpr && k != CXCursor_UnexposedExpr && k != CXCursor_StmtExpr)
		return 0;
	if (k == CXCursor_CallExpr &&
	    clang_getCursorKind(clang_getCursorReferenced(e)) == CXCursor_FunctionDecl) {
		name = cursor_name(e);
		ret = kernel_has(name, ROLE_PAGE_NUMBER) && clang_Cursor_getNumArguments(e) >= 1;
		free(name);
		if (ret) {
			*operand = clang_Cursor_getArgument(e, 0);
			return ret;
		}
		/* else perhaps a macro's expansion: page_address(p) is lowmem_page_address(p) */
	}
	name = macro_name(e, &s.main);
	if (!name)
		return 0;
	ret = kernel_has(name, ROLE_PAGE_NUMBER);
	free(name);
	if (!ret)
		return 0;
	s.found = clang_getNullCursor();
	clang_visitChildren(e, spelled_visitor, &s);
	if (clang_Cursor_isNull(s.found))
		return 0;
	*operand = s.found;
	return 1;
}

CXCursor location_base(CXCursor e)
{
	for (int depth = 0; depth < 16; depth++) {
		enum CXCursorKind k;
		struct kids kids = { .n = 0 };
		CXCursor op;

		if (page_number_operand(e, &op)) {
			e = op;
			continue;
		}
		e = strip(e);
		if (page_number_operand(e, &op)) {
			e = op;
			continue;
		}
		k = clang_getCursorKind(e);
		if (k != CXCursor_UnaryOperator && k != CXCursor_ArraySubscriptExpr &&
		    k != CXCursor_BinaryOperator)
			break;
		clang_visitChildren(e, kids_visitor, &kids);
		if (!kids.n)
			break;
		e = kids.c[0];
	}
	return e;
}

char *pages_location(CXCursor e)
{
	CXCursor op;

	/* pfn_to_page(pfn), page_to_pfn(page), PFN_PHYS(pfn): one place, as page or number */
	if (page_number_operand(e, &op))
		return pages_location(op);
	e = strip(e);
	if (page_number_operand(e, &op))
		return pages_location(op);
	enum CXCursorKind k = clang_getCursorKind(e);
	struct kids kids = { .n = 0 };

	if (k == CXCursor_DeclRefExpr) {
		CXCursor d = clang_getCursorReferenced(e);
		char *name = cursor_name(d), *ret;
		const char *what = "local";

		if (clang_getCursorKind(d) == CXCursor_ParmDecl)
			what = "param";
		else if (at_file_scope(d))
			what = "global";
		ret = xasprintf("%s:%s", what, name);
		free(name);
		return ret;
	}
	if (k == CXCursor_MemberRefExpr)
		return field_location(e);
	if (k == CXCursor_CallExpr) {
		char *name = cursor_name(e), *ret;

		/*
		 * sg_page(sg) is the page stored in sg: it lives where sg lives;
		 * compound_head(page) and friends (kernel.def's SAME_PAGE) are the
		 * same page, or its head.
		 */
		if (kernel_has(name, ROLE_SAME_PAGE) && clang_Cursor_getNumArguments(e) >= 1) {
			free(name);
			return pages_location(clang_Cursor_getArgument(e, 0));
		}
		ret = xasprintf("call:%s", name);
		free(name);
		return ret;
	}
	if (k == CXCursor_GNUNullExpr || k == CXCursor_IntegerLiteral)
		return xstrdup("null");
	if (k == CXCursor_InitListExpr || k == CXCursor_CompoundLiteralExpr) {
		/* "{ .bv_page = pages[i], ... }": the aggregate holds what its page member does. */
		CXCursor e2 = clang_getNullCursor();

		clang_visitChildren(e, page_member_visitor, &e2);
		return clang_Cursor_isNull(e2) ? xstrdup("expr") : pages_location(e2);
	}
	clang_visitChildren(e, kids_visitor, &kids);
	if (k == CXCursor_UnaryOperator && kids.n == 1 &&
	    clang_getCursorUnaryOperatorKind(e) == CXUnaryOperator_AddrOf) {
		char *in = pages_location(kids.c[0]), *ret = xasprintf("&%s", in);
		free(in);
		return ret;
	}
	if (k == CXCursor_UnaryOperator && kids.n == 1)
		return pages_location(kids.c[0]);
	if ((k == CXCursor_ArraySubscriptExpr || k == CXCursor_BinaryOperator) && kids.n >= 1)
		return pages_location(kids.c[0]);
	return xstrdup("expr");
}
