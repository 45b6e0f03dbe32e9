/* Parse one source file with libclang and turn it into facts: calls, functions, field stores. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lex.h"
#include "parse.h"

/* Visitor state, passed to every visitor as CXClientData (the c-index-test idiom). */
struct parse_ctx {
	CXTranslationUnit tu;
	CXFile main;
	const struct kernel_tree *tree;
	struct file_facts *ff;
	const char *buf;		/* the file's text, for argument spellings */
	size_t len;
	const char *fn;			/* enclosing function definition, or NULL */
	struct lex_call *lex;		/* the lexical census of the file */
	size_t nlex;
	unsigned *shadow;		/* line<<12|col of calls to same-named non-API functions */
	size_t nshadow, shadow_alloc;
	int ret_pages;			/* the enclosing function returns a page-typed value */
	unsigned fn_begin, fn_end;	/* the enclosing function's byte range in buf */
	size_t fn_first_flow;		/* its first flow in ff->flows */
	struct branch *branches;	/* the if branches of the enclosing function */
	size_t nbranches, branches_alloc;
	unsigned *callee_at;		/* offsets of the callee names of the calls seen */
	size_t ncallee_at, callee_at_alloc;
};

/* An if statement's then or else branch: where it is in buf, and the condition that leads there. */
struct branch {
	unsigned begin, end;
	char *cond;
};

const char *parse_error_name(enum CXErrorCode code)
{
	switch (code) {
	case CXError_Success: return "success";
	case CXError_Failure: return "libclang failed to parse";
	case CXError_Crashed: return "libclang crashed while parsing";
	case CXError_InvalidArguments: return "libclang rejected the arguments";
	case CXError_ASTReadError: return "libclang could not read the AST";
	}
	return "unknown libclang error";
}

void file_facts_release(struct file_facts *ff)
{
	for (size_t i = 0; i < ff->nfns; i++)
		free(ff->fns[i].name);
	for (size_t i = 0; i < ff->ncalls; i++) {
		struct call_fact *c = &ff->calls[i];
		free(c->function); free(c->pages); free(c->count); free(c->flags);
		free(c->flags_names); free(c->pages_to); free(c->note); free(c->flags_param);
		free(c->cond);
	}
	for (size_t i = 0; i < ff->nstores; i++) {
		struct store_fact *s = &ff->stores[i];
		free(s->function); free(s->struct_name); free(s->field); free(s->value);
	}
	for (size_t i = 0; i < ff->nflows; i++) {
		struct flow_fact *f = &ff->flows[i];
		free(f->function); free(f->dst); free(f->src); free(f->callee);
	}
	free(ff->fns); free(ff->calls); free(ff->stores); free(ff->flows);
	free(ff->path); free(ff->first_diag);
	memset(ff, 0, sizeof(*ff));
}

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

	while (o < len && (isalnum((unsigned char)buf[o]) || buf[o] == '_'))
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

/* The text of a cursor as written in the main file, whitespace folded; caller frees. */
static char *cursor_text(struct parse_ctx *ctx, CXCursor c)
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
	CXString s = clang_getCursorSpelling(c);
	char *ret = xstrdup(clang_getCString(s));
	clang_disposeString(s);
	return ret;
}

static char *cursor_name(CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	char *ret = xstrdup(clang_getCString(s));

	clang_disposeString(s);
	return ret;
}

/* Children of an expression, up to max; returns how many. */
struct kids { CXCursor c[3]; unsigned n; };
static enum CXChildVisitResult kids_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	struct kids *k = data;

	(void)parent;
	if (k->n < 3)
		k->c[k->n++] = c;
	return CXChildVisit_Continue;
}

/* Strip implicit casts, parentheses and explicit casts. */
static CXCursor strip(CXCursor c)
{
	for (int depth = 0; depth < 16; depth++) {
		enum CXCursorKind k = clang_getCursorKind(c);
		struct kids kids = { .n = 0 };

		if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr && k != CXCursor_CStyleCastExpr)
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

/* The named struct that declares a field, e.g. "struct ib_umem"; anonymous members take the name of the record around them.  Caller frees. */
static char *field_owner(CXCursor field)
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

/* Is cursor c a member access to an unnamed struct or union member ("a->u.x" with u anonymous)? */
static int is_anonymous_member(CXCursor c)
{
	return clang_getCursorKind(c) == CXCursor_MemberRefExpr &&
	       clang_Cursor_isAnonymous(clang_getTypeDeclaration(
		       clang_getCursorType(clang_getCursorReferenced(c))));
}

/* "const struct page *" -> "struct page *": the type spelling without a leading qualifier. */
static const char *unqualified(const char *t)
{
	return strncmp(t, "const ", 6) ? t : t + 6;
}

/*
 * Struct types that carry pages only for a moment (containers, iterators, the
 * page itself): a field of one stands for the object that holds it, never for a
 * place where pages are kept across functions.
 */
static int is_container(const char *type)
{
	static const char *const names[] = {
		"struct scatterlist", "struct sg_table", "struct sg_append_table", "struct bio",
		"struct bio_vec", "struct bvec_iter", "struct bvec_iter_all", "struct iov_iter",
		"struct page", "struct folio", "struct list_head", "struct kvec",
		"struct sg_page_iter", "struct sg_dma_page_iter", "struct sg_mapping_iter",
		"struct folio_iter", NULL
	};

	type = unqualified(type);
	for (int i = 0; names[i]; i++)
		if (!strcmp(type, names[i]))
			return 1;
	return 0;
}

/* Can a value of type t hold user pages: a page pointer or array, an sg list or table, a bio_vec, a bio? */
static int is_pageish(CXType t)
{
	static const char *const prefixes[] = {
		"struct page *", "struct scatterlist *", "struct sg_table *",
		"struct sg_append_table *", "struct bio_vec", "struct bio *", NULL
	};
	CXType c = clang_getCanonicalType(t);
	CXString s;
	const char *p;
	int ret = 0;

	/* Most arguments are numbers: only pointers, arrays and records can hold pages. */
	if (c.kind != CXType_Pointer && c.kind != CXType_ConstantArray &&
	    c.kind != CXType_IncompleteArray && c.kind != CXType_Record)
		return 0;
	s = clang_getTypeSpelling(c);
	p = unqualified(clang_getCString(s));
	for (int i = 0; prefixes[i] && !ret; i++)
		ret = !strncmp(p, prefixes[i], strlen(prefixes[i]));
	clang_disposeString(s);
	return ret;
}

/* Is t exactly a page pointer or page array (not a container)? */
static int is_page_type(CXType t)
{
	CXType c = clang_getCanonicalType(t);
	CXString s;
	int ret;

	if (c.kind != CXType_Pointer && c.kind != CXType_ConstantArray && c.kind != CXType_IncompleteArray)
		return 0;
	s = clang_getTypeSpelling(c);
	ret = !strncmp(unqualified(clang_getCString(s)), "struct page *", 13);

	clang_disposeString(s);
	return ret;
}

static char *pages_location(CXCursor e);

/* Functions whose result is their first argument's page (or its head, or the page an sg entry holds). */
static int is_same_page(const char *name)
{
	static const char *const same[] = {
		"sg_page", "sg_page_iter_page", "compound_head", "_compound_head", "nth_page",
		"folio_page", "page_folio", "find_subpage", "bvec_init_iter_all", "bio_first_bvec_all",
		"bio_first_page_all", "bio_first_folio_all", NULL
	};

	for (int i = 0; same[i]; i++)
		if (!strcmp(name, same[i]))
			return 1;
	return 0;
}

/* A page-typed operand outside any call: "(page) - vmemmap" in page_to_pfn(), a cast to an integer. */
static enum CXChildVisitResult converted_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	CXCursor *found = data;
	enum CXCursorKind k = clang_getCursorKind(c);

	(void)parent;
	if (k == CXCursor_CallExpr || !clang_isExpression(k))
		return CXChildVisit_Continue;
	if (is_page_type(clang_getCursorType(c)) &&
	    clang_getCursorKind(strip(c)) == CXCursor_DeclRefExpr) {
		*found = c;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

/* The first page-typed expression among an initializer list's members, searched depth first. */
static enum CXChildVisitResult page_member_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	CXCursor *found = data;

	(void)parent;
	if (!clang_isExpression(clang_getCursorKind(c)))
		return CXChildVisit_Continue;
	if (is_page_type(clang_getCursorType(c))) {
		*found = c;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

/*
 * The location of a field access.  A field of a container stands for its
 * container, and "a->b.c" for the field b of a's struct: the heap object is
 * the one reached through the last pointer.  "x.f" of a local struct variable
 * x is "lfield:": the same field, but not a heap object.
 */
static char *field_location(CXCursor e)
{
	CXCursor d = clang_getCursorReferenced(e);
	char *owner = field_owner(d), *name, *ret;
	struct kids kids = { .n = 0 };

	clang_visitChildren(e, kids_visitor, &kids);
	if (kids.n >= 1) {
		CXCursor base = strip(kids.c[0]);
		int arrow = clang_getCursorType(kids.c[0]).kind == CXType_Pointer;

		/* A field of a local struct variable is part of that local, not of a heap object. */
		int local = !arrow && clang_getCursorKind(base) == CXCursor_DeclRefExpr &&
			    clang_getCursorKind(clang_getCursorReferenced(base)) == CXCursor_VarDecl &&
			    clang_getCursorKind(clang_getCursorSemanticParent(
				clang_getCursorReferenced(base))) != CXCursor_TranslationUnit;

		if (is_container(owner) || (!arrow && !is_anonymous_member(base) &&
					    clang_getCursorKind(base) == CXCursor_MemberRefExpr)) {
			free(owner);
			return pages_location(kids.c[0]);
		}
		if (local) {
			name = cursor_name(d);
			ret = xasprintf("lfield:%s.%s", owner, name);
			free(owner);
			free(name);
			return ret;
		}
	}
	name = cursor_name(d);
	ret = xasprintf("field:%s.%s", owner, name);
	free(owner);
	free(name);
	return ret;
}

/* Where an expression's pages live: "local:x", "param:x", "global:x", "field:struct s.f", "&...", "call:f". */
static char *pages_location(CXCursor e)
{
	e = strip(e);
	enum CXCursorKind k = clang_getCursorKind(e);
	struct kids kids = { .n = 0 };

	if (k == CXCursor_DeclRefExpr) {
		CXCursor d = clang_getCursorReferenced(e);
		char *name = cursor_name(d), *ret;
		const char *what = "local";

		if (clang_getCursorKind(d) == CXCursor_ParmDecl)
			what = "param";
		else if (clang_getCursorKind(clang_getCursorSemanticParent(d)) == CXCursor_TranslationUnit)
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
		 * compound_head(page) and friends are the same page, or its head.
		 */
		if (is_same_page(name) && clang_Cursor_getNumArguments(e) >= 1) {
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
		/* "{ .bv_page = pages[i], ... }": the aggregate holds what its page member holds. */
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

static void push_shadow(struct parse_ctx *ctx, unsigned line, unsigned col)
{
	ALLOC_GROW(ctx->shadow, ctx->nshadow + 1, ctx->shadow_alloc);
	ctx->shadow[ctx->nshadow++] = line << 12 | (col & 0xfff);
}

/* Is d the kernel's API function, not a same-named static helper of this file? */
static int is_api_decl(CXCursor d)
{
	if (clang_getCursorKind(d) != CXCursor_FunctionDecl)
		return 0;
	if (clang_Cursor_getStorageClass(d) == CX_SC_Static &&
	    clang_Location_isFromMainFile(clang_getCursorLocation(d)))
		return 0;
	return 1;
}

static const struct lex_call *lex_at(const struct parse_ctx *ctx, unsigned line, unsigned col)
{
	for (size_t i = 0; i < ctx->nlex; i++)
		if (ctx->lex[i].line == line && ctx->lex[i].col == col)
			return &ctx->lex[i];
	return NULL;
}

/*
 * Argument i's text.  A call written in a macro body is expanded where the
 * macro is used, so its arguments are taken as the macro body spells them.
 */
static char *arg_text(struct parse_ctx *ctx, CXCursor arg, const struct lex_call *in_macro, int i)
{
	if (in_macro)
		return xstrdup((size_t)i < in_macro->args.n ? in_macro->args.v[i] : "");
	return cursor_text(ctx, arg);
}

/*
 * Is the flags variable var given FOLL_LONGTERM in the enclosing function
 * ("flags = FOLL_LONGTERM", "flags |= FOLL_LONGTERM | ...", or its declaration)?
 */
static int var_gets_longterm(const struct parse_ctx *ctx, const char *var)
{
	size_t n = strlen(var);
	const char *end = ctx->buf + (ctx->fn_end < ctx->len ? ctx->fn_end : ctx->len);

	for (const char *p = ctx->buf + ctx->fn_begin; p && p < end; p++) {
		const char *q = p + n, *semi;

		if (strncmp(p, var, n) || (p > ctx->buf && (isalnum((unsigned char)p[-1]) || p[-1] == '_')) ||
		    isalnum((unsigned char)*q) || *q == '_')
			continue;
		while (q < end && isspace((unsigned char)*q))
			q++;
		if (*q == '|')
			q++;
		if (*q != '=' || q[1] == '=')
			continue;
		semi = memchr(q, ';', end - q);
		if (semi && memmem(q, semi - q, "FOLL_LONGTERM", 13))
			return 1;
	}
	return 0;
}

/* The condition of the innermost if branch around cursor c, or NULL; caller frees. */
static char *branch_condition(const struct parse_ctx *ctx, CXCursor c)
{
	const struct branch *best = NULL;
	unsigned off;

	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, NULL, NULL, &off);
	for (size_t i = 0; i < ctx->nbranches; i++) {
		const struct branch *b = &ctx->branches[i];

		if (b->begin <= off && off < b->end && (!best || b->end - b->begin < best->end - best->begin))
			best = b;
	}
	return best ? xstrdup(best->cond) : NULL;
}

/* Children of an if statement: condition, then, else. */
static enum CXChildVisitResult if_kids_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	struct kids *k = data;

	(void)parent;
	if (k->n < 3 && (clang_isExpression(clang_getCursorKind(c)) ||
			 clang_isStatement(clang_getCursorKind(c))))
		k->c[k->n++] = c;
	return CXChildVisit_Continue;
}

/* Remember an if statement's branches with their conditions ("!(cond)" for the else branch). */
static void visit_if(struct parse_ctx *ctx, CXCursor c)
{
	struct kids kids = { .n = 0 };
	char *cond;

	clang_visitChildren(c, if_kids_visitor, &kids);
	if (kids.n < 2)
		return;
	cond = cursor_text(ctx, kids.c[0]);
	for (unsigned i = 1; i < kids.n; i++) {
		CXSourceRange r = clang_getCursorExtent(kids.c[i]);
		struct branch *b;

		ALLOC_GROW(ctx->branches, ctx->nbranches + 1, ctx->branches_alloc);
		b = &ctx->branches[ctx->nbranches++];
		clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &b->begin);
		clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &b->end);
		b->cond = i == 1 ? xstrdup(cond) : xasprintf("!(%s)", cond);
	}
	free(cond);
}

static void branches_clear(struct parse_ctx *ctx)
{
	for (size_t i = 0; i < ctx->nbranches; i++)
		free(ctx->branches[i].cond);
	ctx->nbranches = 0;
}

/* How a flags argument is written: by FOLL_* names (or 0), as a number, as a truth value, or otherwise. */
static const char *flags_form(CXCursor arg, const char *text)
{
	CXCursor e = strip(arg);
	enum CXCursorKind k = clang_getCursorKind(e);
	CXString ts = clang_getTypeSpelling(clang_getCanonicalType(clang_getCursorType(e)));
	int is_bool = !strcmp(clang_getCString(ts), "_Bool");

	clang_disposeString(ts);
	if (strstr(text, "FOLL_") || !strcmp(text, "0"))
		return "names";
	if (is_bool)
		return "bool";
	if (k == CXCursor_IntegerLiteral)
		return "literal";
	if (k == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(e) == CXUnaryOperator_LNot)
		return "bool";
	if (k == CXCursor_BinaryOperator) {
		enum CXBinaryOperatorKind b = clang_getCursorBinaryOperatorKind(e);

		if ((b >= CXBinaryOperator_LT && b <= CXBinaryOperator_NE) ||
		    b == CXBinaryOperator_LAnd || b == CXBinaryOperator_LOr)
			return "bool";
	}
	return "expr";
}

static void add_call(struct parse_ctx *ctx, CXCursor call, const struct gup_api *api,
		     unsigned line, unsigned col, int in_macro, const char *result)
{
	const struct lex_call *lc = in_macro ? lex_at(ctx, line, col) : NULL;
	CXCursor decl = clang_getCursorReferenced(call);
	int nargs = clang_Cursor_getNumArguments(call);
	int ndecl = clang_Cursor_getNumArguments(decl);
	struct call_fact *cf;

	for (size_t i = 0; i < ctx->ff->ncalls; i++)
		if (ctx->ff->calls[i].line == line && ctx->ff->calls[i].col == col)
			return;	/* a macro body expanded twice */
	ALLOC_GROW(ctx->ff->calls, ctx->ff->ncalls + 1, ctx->ff->calls_alloc);
	cf = &ctx->ff->calls[ctx->ff->ncalls++];
	memset(cf, 0, sizeof(*cf));
	cf->api = api;
	cf->line = line;
	cf->col = col;
	cf->function = ctx->fn ? xstrdup(ctx->fn) : NULL;
	cf->flags_value = -1;
	cf->seen_by = "clang";
	cf->compiled = 1;
	cf->result = result;
	if (!api_is_acquire(api))
		cf->cond = branch_condition(ctx, call);
	for (int i = 0; i < nargs; i++) {
		CXCursor arg = clang_Cursor_getArgument(call, i);
		int role = 0;

		if (ndecl == nargs) {
			char *pname = cursor_name(clang_Cursor_getArgument(decl, i));
			role = api_param_role(pname);
			if (role == 'f' && !cf->flags_param)
				cf->flags_param = xstrdup(pname);
			free(pname);
		}
		if (!role)
			role = i == api->pages ? 'p' : i == api->count ? 'n' : i == api->flags ? 'f' : 0;
		if (role == 'p' && !cf->pages) {
			cf->pages = arg_text(ctx, arg, lc, i);
			cf->pages_to = pages_location(arg);
		} else if (role == 'n' && !cf->count) {
			cf->count = arg_text(ctx, arg, lc, i);
		} else if (role == 'f' && !cf->flags) {
			CXEvalResult ev = clang_Cursor_Evaluate(arg);

			cf->flags = arg_text(ctx, arg, lc, i);
			cf->flags_form = flags_form(arg, cf->flags);
			cf->longterm = strstr(cf->flags, "FOLL_LONGTERM") != NULL ||
				(clang_getCursorKind(strip(arg)) == CXCursor_DeclRefExpr &&
				 var_gets_longterm(ctx, cf->flags));
			if (ev) {
				if (clang_EvalResult_getKind(ev) == CXEval_Int)
					cf->flags_value = (int64_t)clang_EvalResult_getAsUnsigned(ev);
				clang_EvalResult_dispose(ev);
			}
			if (cf->flags_value >= 0)
				cf->flags_names = tree_foll_names(ctx->tree, cf->flags_value);
		}
	}
}

/* Record a flow at cursor at; takes ownership of dst and src. */
static void add_flow(struct parse_ctx *ctx, CXCursor at, enum flow_kind kind, char *dst, char *src,
		     char *callee, int argno)
{
	struct flow_fact *f;

	if ((!ctx->fn && kind != FLOW_CALLBACK) || (src && !strcmp(src, "null"))) {
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
}

/*
 * Where a page that is not GUP's comes from: "pagecache:F", "alloc:F",
 * "kernel:F" (a kernel address turned into its page) or "zero" (ZERO_PAGE()).
 * NULL for anything else.  Caller frees.
 */
static char *origin_of(struct parse_ctx *ctx, CXCursor e)
{
	static const char *const pagecache[] = {
		"find_get_page", "find_lock_page", "find_or_create_page", "pagecache_get_page",
		"grab_cache_page", "grab_cache_page_nowait", "grab_cache_page_write_begin",
		"read_mapping_page", "read_cache_page", "read_cache_page_gfp", "filemap_get_folio",
		"__filemap_get_folio", "find_get_page_flags", NULL
	};
	static const char *const alloc[] = {
		"alloc_page", "alloc_pages", "__alloc_pages", "alloc_pages_node", "__page_cache_alloc",
		"page_cache_alloc", "mempool_alloc_pages", "dev_alloc_page", "dev_alloc_pages",
		"folio_alloc", NULL
	};
	static const char *const kernel[] = { "virt_to_page", "vmalloc_to_page", "pfn_to_page", NULL };
	char *text = cursor_text(ctx, e), *name, *ret = NULL;

	e = strip(e);
	if (!strncmp(text, "ZERO_PAGE", 9)) {
		free(text);
		return xstrdup("zero");
	}
	free(text);
	if (clang_getCursorKind(e) != CXCursor_CallExpr)
		return NULL;
	name = cursor_name(e);
	for (int i = 0; !ret && pagecache[i]; i++)
		if (!strcmp(name, pagecache[i]))
			ret = xasprintf("pagecache:%s", name);
	for (int i = 0; !ret && alloc[i]; i++)
		if (!strcmp(name, alloc[i]))
			ret = xasprintf("alloc:%s", name);
	for (int i = 0; !ret && kernel[i]; i++)
		if (!strcmp(name, kernel[i]))
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
	if (clang_getCursorKind(f) != CXCursor_DeclRefExpr || clang_getCursorKind(d) != CXCursor_FunctionDecl)
		return;
	field = cursor_name(clang_getCursorReferenced(lhs));
	clang_visitChildren(lhs, kids_visitor, &kids);
	if (!strcmp(field, "bi_end_io") && kids.n >= 1)
		add_flow(ctx, at, FLOW_ENDIO, xstrdup(field), pages_location(kids.c[0]), cursor_name(d), 0);
	free(field);
}

/* bio_set_flag(bio, BIO_X), bio_clear_flag(), bio_flagged(): a flag set or tested on a bio. */
static void visit_bio_flag(struct parse_ctx *ctx, CXCursor c, const char *name)
{
	char *flag;

	if (strcmp(name, "bio_set_flag") && strcmp(name, "bio_clear_flag") && strcmp(name, "bio_flagged"))
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

/* Calls whose two first arguments walk the same pages: bio_next_segment(bio, &iter). */
static int is_link(const char *name)
{
	return !strcmp(name, "bio_next_segment") || !strcmp(name, "bio_first_folio") ||
	       !strcmp(name, "bio_next_folio");
}

/* Functions that put a page into a container: the page then lives where the container lives. */
static int is_fill(const char *name)
{
	static const char *const fills[] = {
		"sg_set_page", "sg_alloc_table_from_pages", "__sg_alloc_table_from_pages",
		"sg_alloc_table_from_pages_segment", "sg_alloc_append_table_from_pages",
		"bio_add_page", "__bio_add_page", "bio_add_pc_page", "bio_add_zone_append_page",
		"bio_add_hw_page", NULL
	};

	for (int i = 0; fills[i]; i++)
		if (!strcmp(name, fills[i]))
			return 1;
	return 0;
}

/* A call to a container fill: one flow from its page argument into its container argument, naming the fill. */
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
	static const char *const frees[] = { "kfree", "kvfree", "vfree", "kfree_sensitive", "kzfree", NULL };
	int arg = !strcmp(name, "kmem_cache_free") ? 1 : 0;
	CXString ts;
	const char *t;
	int i;

	for (i = 0; frees[i] && strcmp(frees[i], name); i++)
		;
	if ((!frees[i] && !arg) || clang_Cursor_getNumArguments(c) <= arg)
		return;
	ts = clang_getTypeSpelling(clang_getCanonicalType(
		clang_getCursorType(strip(clang_Cursor_getArgument(c, arg)))));
	t = unqualified(clang_getCString(ts));
	/* exactly "struct NAME *" */
	if (!strncmp(t, "struct ", 7) && strlen(t) > 9 && !strcmp(t + strlen(t) - 2, " *") &&
	    strcspn(t + 7, " *") == strlen(t) - 9)
		add_flow(ctx, c, FLOW_FREE, xstrndup(t, strlen(t) - 2), NULL, xstrdup(name), -1);
	clang_disposeString(ts);
}

/* Is identifier var read in buf[from, to)? */
static int read_after(const char *buf, size_t from, size_t to, const char *var)
{
	size_t n = strlen(var);

	for (const char *p = buf + from; (p = memmem(p, to - (p - buf), var, n)); p += n)
		if ((p == buf || !(isalnum((unsigned char)p[-1]) || p[-1] == '_')) &&
		    !(isalnum((unsigned char)p[n]) || p[n] == '_'))
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
	static const char *const merges[] = {
		"__bio_try_merge_page", "bio_add_hw_page", "bio_try_merge_hw_seg",
		"bvec_try_merge_page", "bvec_try_merge_hw_page", NULL
	};
	int n = clang_Cursor_getNumArguments(c), page = -1, i;
	unsigned end;

	for (i = 0; merges[i] && strcmp(merges[i], name); i++)
		;
	if (!merges[i] || !ctx->fn)
		return;
	clang_getExpansionLocation(clang_getRangeEnd(clang_getCursorExtent(c)), NULL, NULL, NULL, &end);
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
		if (!read_after(ctx->buf, end, ctx->fn_end < ctx->len ? ctx->fn_end : ctx->len, var))
			add_flow(ctx, c, FLOW_MERGE, var, pages_location(clang_Cursor_getArgument(c, page)),
				 xstrdup(name), -1);
		else
			free(var);
	}
}

/* A call to any other function: each page-typed argument is passed to it. */
static void visit_other_call(struct parse_ctx *ctx, CXCursor c, const char *name)
{
	int n = clang_Cursor_getNumArguments(c);
	CXCursor decl = clang_getCursorReferenced(c);
	int direct = clang_getCursorKind(decl) == CXCursor_FunctionDecl;

	if (direct && !strcmp(name, "__gupcheck_where") && n == 1) {
		add_flow(ctx, c, FLOW_PROBE, NULL, pages_location(clang_Cursor_getArgument(c, 0)), NULL, -1);
		return;
	}
	if (direct)
		visit_merge(ctx, c, name);
	if (direct && is_fill(name)) {
		visit_fill(ctx, c, name);
		return;
	}
	if (direct && is_link(name) && n >= 2) {
		add_flow(ctx, c, FLOW_ASSIGN, pages_location(clang_Cursor_getArgument(c, 1)),
			 pages_location(clang_Cursor_getArgument(c, 0)), NULL, -1);
		return;
	}
	if (direct)
		visit_bio_flag(ctx, c, name);
	if (direct && ctx->fn) {
		size_t i = ctx->fn_first_flow;

		while (i < ctx->ff->nflows && (ctx->ff->flows[i].kind != FLOW_CALL ||
					       strcmp(ctx->ff->flows[i].callee, name)))
			i++;
		if (i == ctx->ff->nflows)
			add_flow(ctx, c, FLOW_CALL, NULL, NULL, xstrdup(name), -1);
		visit_free(ctx, c, name);
	}
	for (int i = 0; i < n; i++) {
		CXCursor arg = clang_Cursor_getArgument(c, i);

		if (is_pageish(clang_getCursorType(arg)))
			add_flow(ctx, c, FLOW_PASS, NULL, pages_location(arg),
				 direct ? xstrdup(name) : xasprintf("(*%s)", name), i);
	}
}

/*
 * A function named but not called: its address is taken, for a callback
 * (bi_end_io, .completion, kref_put()'s release).  Calls are visited before
 * their children, so the callee's own name is already in callee_at.
 */
static void visit_function_ref(struct parse_ctx *ctx, CXCursor c)
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
	for (size_t i = ctx->fn ? ctx->fn_first_flow : 0; i < ctx->ff->nflows; i++)
		if (ctx->ff->flows[i].kind == FLOW_CALLBACK && !strcmp(ctx->ff->flows[i].callee, name) &&
		    !strcmp(ctx->ff->flows[i].function, ctx->fn ? ctx->fn : "")) {
			free(name);
			return;
		}
	add_flow(ctx, c, FLOW_CALLBACK, NULL, NULL, name, -1);
}

static void visit_call(struct parse_ctx *ctx, CXCursor c, CXCursor parent)
{
	CXString name = clang_getCursorSpelling(c);
	const struct gup_api *api = api_lookup(clang_getCString(name));
	CXFile file, efile;
	unsigned line, col, eline, ecol, off;

	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, NULL, NULL, &off);
	ALLOC_GROW(ctx->callee_at, ctx->ncallee_at + 1, ctx->callee_at_alloc);
	ctx->callee_at[ctx->ncallee_at++] = off;

	if (!api) {
		visit_other_call(ctx, c, clang_getCString(name));
		clang_disposeString(name);
		return;
	}
	clang_disposeString(name);
	/* The callee name as written: in the main file, or where a main-file macro expanded. */
	clang_getSpellingLocation(clang_getCursorLocation(c), &file, &line, &col, NULL);
	clang_getExpansionLocation(clang_getCursorLocation(c), &efile, &eline, &ecol, NULL);
	if (!file || !clang_File_isEqual(file, ctx->main)) {
		file = efile, line = eline, col = ecol;
		if (!file || !clang_File_isEqual(file, ctx->main))
			return;
	}
	if (!is_api_decl(clang_getCursorReferenced(c))) {
		push_shadow(ctx, line, col);
		visit_other_call(ctx, c, api->name);
		return;
	}
	add_call(ctx, c, api, line, col, line != eline || col != ecol,
		 clang_getCursorKind(parent) == CXCursor_CompoundStmt ? "ignored" : "used");
}

/*
 * "pfn = page_to_pfn(page)": a page turned into a number, which the flow
 * cannot follow; recorded as a pass to "(conversion)".
 */
static void visit_conversion(struct parse_ctx *ctx, CXCursor at, CXCursor rhs)
{
	CXCursor found = clang_getNullCursor();
	enum CXTypeKind t = clang_getCanonicalType(clang_getCursorType(rhs)).kind;

	if (t < CXType_Bool || t > CXType_Int128 || clang_getCursorKind(strip(rhs)) == CXCursor_CallExpr)
		return;
	clang_visitChildren(rhs, converted_visitor, &found);
	if (!clang_Cursor_isNull(found))
		add_flow(ctx, at, FLOW_PASS, NULL, pages_location(found), xstrdup("(conversion)"), -1);
}

/* "p->pages = x": a page pointer or page array stored in a struct field. */
static void visit_assign(struct parse_ctx *ctx, CXCursor c)
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
		visit_conversion(ctx, c, kids.c[1]);
	}
	if (clang_getCursorKind(strip(kids.c[0])) == CXCursor_MemberRefExpr)
		visit_end_io(ctx, c, strip(kids.c[0]), kids.c[1]);
	lhs = strip(kids.c[0]);
	if (clang_getCursorKind(lhs) != CXCursor_MemberRefExpr)
		return;
	ts = clang_getTypeSpelling(clang_getCanonicalType(clang_getCursorType(lhs)));
	is_page = !strncmp(clang_getCString(ts), "struct page *", 13);
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
static enum CXChildVisitResult last_expr_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	if (clang_isExpression(clang_getCursorKind(c)))
		*(CXCursor *)data = c;
	return CXChildVisit_Continue;
}

/* "struct page *p = x" and "return x": flows like an assignment. */
static void visit_decl_or_return(struct parse_ctx *ctx, CXCursor c)
{
	CXCursor e = clang_getNullCursor();

	if (clang_getCursorKind(c) == CXCursor_VarDecl && !is_pageish(clang_getCursorType(c))) {
		clang_visitChildren(c, last_expr_visitor, &e);
		if (!clang_Cursor_isNull(e))
			visit_conversion(ctx, c, e);
		return;
	}
	if (clang_getCursorKind(c) == CXCursor_ReturnStmt && !ctx->ret_pages)
		return;
	clang_visitChildren(c, last_expr_visitor, &e);
	if (clang_Cursor_isNull(e))
		return;
	if (clang_getCursorKind(c) == CXCursor_ReturnStmt) {
		add_flow(ctx, c, FLOW_RETURN, NULL, pages_location(e), NULL, -1);
	} else {
		char *name = cursor_name(c);

		add_flow(ctx, c, FLOW_ASSIGN, xasprintf("local:%s", name), pages_location(e), NULL, -1);
		note_origin(ctx, c, xasprintf("local:%s", name), e);
		free(name);
	}
}

static enum CXChildVisitResult body_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	struct parse_ctx *ctx = data;

	switch (clang_getCursorKind(c)) {
	case CXCursor_CallExpr:
		visit_call(ctx, c, parent);
		break;
	case CXCursor_BinaryOperator:
		visit_assign(ctx, c);
		break;
	case CXCursor_VarDecl:
	case CXCursor_ReturnStmt:
		visit_decl_or_return(ctx, c);
		break;
	case CXCursor_IfStmt:
		visit_if(ctx, c);
		break;
	case CXCursor_DeclRefExpr:
		visit_function_ref(ctx, c);
		break;
	default:
		break;
	}
	return CXChildVisit_Recurse;
}

static enum CXChildVisitResult top_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	struct parse_ctx *ctx = data;
	CXSourceRange r;
	unsigned l1, l2;

	(void)parent;
	if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)))
		return CXChildVisit_Continue;
	if (clang_getCursorKind(c) != CXCursor_FunctionDecl || !clang_isCursorDefinition(c))
		return body_visitor(c, parent, data);

	r = clang_getCursorExtent(c);
	clang_getExpansionLocation(clang_getRangeStart(r), NULL, &l1, NULL, NULL);
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, &l2, NULL, NULL);
	ALLOC_GROW(ctx->ff->fns, ctx->ff->nfns + 1, ctx->ff->fns_alloc);
	struct fn_fact *fn = &ctx->ff->fns[ctx->ff->nfns++];
	fn->name = cursor_name(c);
	fn->line = l1;
	fn->end_line = l2;
	fn->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
	ctx->fn = fn->name;
	clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &ctx->fn_begin);
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &ctx->fn_end);
	ctx->fn_first_flow = ctx->ff->nflows;
	ctx->ret_pages = is_pageish(clang_getResultType(clang_getCursorType(c)));
	for (int i = 0; i < clang_Cursor_getNumArguments(c); i++) {
		CXCursor p = clang_Cursor_getArgument(c, i);

		if (is_pageish(clang_getCursorType(p))) {
			char *name = cursor_name(p);

			add_flow(ctx, p, FLOW_PARAM, xasprintf("param:%s", name), NULL, NULL, i);
			free(name);
		}
	}
	clang_visitChildren(c, body_visitor, ctx);
	branches_clear(ctx);
	ctx->fn = NULL;
	return CXChildVisit_Continue;
}

static void count_diagnostics(struct parse_ctx *ctx)
{
	unsigned n = clang_getNumDiagnostics(ctx->tu);

	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(ctx->tu, i);

		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			if (!ctx->ff->first_diag) {
				CXString s = clang_formatDiagnostic(d, CXDiagnostic_DisplaySourceLocation |
								       CXDiagnostic_DisplayColumn);
				ctx->ff->first_diag = xstrdup(clang_getCString(s));
				clang_disposeString(s);
			}
			ctx->ff->ndiag++;
		}
		clang_disposeDiagnostic(d);
	}
	ctx->ff->status = ctx->ff->ndiag ? PARSE_ERRORS : PARSE_OK;
}

static int in_ranges(const CXSourceRangeList *rl, unsigned line)
{
	for (unsigned i = 0; rl && i < rl->count; i++) {
		unsigned l1, l2;

		clang_getSpellingLocation(clang_getRangeStart(rl->ranges[i]), NULL, &l1, NULL, NULL);
		clang_getSpellingLocation(clang_getRangeEnd(rl->ranges[i]), NULL, &l2, NULL, NULL);
		if (line >= l1 && line <= l2)
			return 1;
	}
	return 0;
}

/* Is line part of a #define (including its continuation lines)? */
static int in_define(const char *buf, size_t len, unsigned line)
{
	size_t i = 0;
	unsigned l = 1;
	int def = 0;

	for (; i < len && l <= line; i++) {
		size_t s = i;
		while (s < len && (buf[s] == ' ' || buf[s] == '\t'))
			s++;
		int starts = !strncmp(buf + s, "#define", 7) || !strncmp(buf + s, "# define", 8);
		int cont = def;
		while (i < len && buf[i] != '\n')
			i++;
		def = (starts || cont) && i > 0 && buf[i - 1] == '\\';
		if (l == line)
			return starts || cont;
		l++;
	}
	return 0;
}

/* Did libclang see this call, as a GUP call or as a same-named non-API function? */
static int compiler_saw(const struct parse_ctx *ctx, const struct lex_call *lc)
{
	for (size_t j = 0; j < ctx->ff->ncalls; j++)
		if (ctx->ff->calls[j].line == lc->line && ctx->ff->calls[j].col == lc->col)
			return 1;
	for (size_t j = 0; j < ctx->nshadow; j++)
		if (ctx->shadow[j] == (lc->line << 12 | (lc->col & 0xfff)))
			return 1;
	return 0;
}

/* Add the calls only the lexical census saw, saying why the compiler did not. */
static void merge_lexical(struct parse_ctx *ctx, const CXSourceRangeList *skipped)
{
	struct lex_call *lc = ctx->lex;
	size_t n = ctx->nlex;

	for (size_t i = 0; i < n; i++) {
		if (compiler_saw(ctx, &lc[i]))
			continue;
		ALLOC_GROW(ctx->ff->calls, ctx->ff->ncalls + 1, ctx->ff->calls_alloc);
		struct call_fact *cf = &ctx->ff->calls[ctx->ff->ncalls++];
		const struct gup_api *api = lc[i].api;
		memset(cf, 0, sizeof(*cf));
		cf->api = api;
		cf->line = lc[i].line;
		cf->col = lc[i].col;
		cf->flags_value = -1;
		cf->seen_by = "lex";
		if (api->pages >= 0 && (size_t)api->pages < lc[i].args.n)
			cf->pages = xstrdup(lc[i].args.v[api->pages]);
		if (api->count >= 0 && (size_t)api->count < lc[i].args.n)
			cf->count = xstrdup(lc[i].args.v[api->count]);
		if (api->flags >= 0 && (size_t)api->flags < lc[i].args.n)
			cf->flags = xstrdup(lc[i].args.v[api->flags]);
		if (ctx->ff->status == PARSE_OTHER_ARCH) {
			cf->note = xstrdup(ctx->ff->first_diag);
		} else if (in_ranges(skipped, cf->line)) {
			cf->note = xstrdup("in a preprocessor branch disabled in this configuration");
		} else if (in_define(ctx->buf, ctx->len, cf->line)) {
			cf->note = xstrdup("in a macro definition that this file does not expand");
		} else if (ctx->ff->status != PARSE_OK) {
			cf->compiled = 1;
			cf->note = xstrdup("not seen by the compiler: the file has parse errors");
		} else {
			cf->compiled = 1;
			cf->note = xstrdup("not seen by the compiler");
		}
	}
}

/* Parsing options; the preprocessing record costs a fifth of the time and is only wanted for skipped ranges. */
#define PARSE_OPTIONS (CXTranslationUnit_KeepGoing | CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles)

/* Did the lexical census see a call outside macro bodies that the compiler did not? */
static int has_unseen_calls(const struct parse_ctx *ctx)
{
	for (size_t i = 0; i < ctx->nlex; i++)
		if (!compiler_saw(ctx, &ctx->lex[i]) && !in_define(ctx->buf, ctx->len, ctx->lex[i].line))
			return 1;
	return 0;
}

/*
 * The preprocessor-skipped ranges of the main file, from a second parse with
 * the preprocessing record; ctx->tu is replaced by that parse.  NULL if it fails.
 */
static CXSourceRangeList *skipped_ranges(CXIndex idx, const char *abs, const struct strvec *argv,
					 struct parse_ctx *ctx)
{
	CXTranslationUnit tu;

	if (clang_parseTranslationUnit2(idx, abs, (const char *const *)argv->v, argv->n, NULL, 0,
			PARSE_OPTIONS | CXTranslationUnit_DetailedPreprocessingRecord, &tu) != CXError_Success)
		return NULL;
	clang_disposeTranslationUnit(ctx->tu);
	ctx->tu = tu;
	return clang_getSkippedRanges(tu, clang_getFile(tu, abs));
}

void parse_file(CXIndex idx, const struct kernel_tree *tree, const char *rel, struct file_facts *ff)
{
	struct parse_ctx ctx = { .tree = tree, .ff = ff };
	struct strvec argv = { 0 };
	char *abs = xasprintf("%s/%s", tree->root, rel);
	CXSourceRangeList *skipped = NULL;
	enum CXErrorCode rc;

	ff->path = xstrdup(rel);
	ctx.buf = read_file(abs, &ctx.len);
	if (!ctx.buf) {
		ff->status = PARSE_FAILED;
		ff->first_diag = xasprintf("cannot read %s", abs);
		goto free_abs;
	}
	hash_hex(ctx.buf, ctx.len, ff->hash);
	ff->ring = 1;
	ff->mmu_notifier = memmem(ctx.buf, ctx.len, "mmu_interval_notifier", 21) ||
			   memmem(ctx.buf, ctx.len, "mmu_notifier_register", 21) ||
			   memmem(ctx.buf, ctx.len, "mmu_notifier_ops", 16) ||
			   memmem(ctx.buf, ctx.len, "hmm_range_fault", 15);
	ctx.nlex = lex_calls(ctx.buf, ctx.len, &ctx.lex);
	ff->built = tree_built(tree, rel, NULL);
	if ((ff->first_diag = tree_other_arch(tree, rel))) {
		ff->status = PARSE_OTHER_ARCH;
		merge_lexical(&ctx, NULL);
		goto free_buf;
	}
	tree_flags(tree, rel, &argv, &ff->flags_from);
	if (strlen(rel) > 2 && !strcmp(rel + strlen(rel) - 2, ".h")) {
		strvec_push(&argv, "-x");
		strvec_push(&argv, "c");
	}
	rc = clang_parseTranslationUnit2(idx, abs, (const char *const *)argv.v, argv.n, NULL, 0,
			PARSE_OPTIONS, &ctx.tu);
	if (rc != CXError_Success) {
		ff->status = PARSE_FAILED;
		ff->first_diag = xasprintf("%s", parse_error_name(rc));
		ctx.tu = NULL;
	} else {
		ctx.main = clang_getFile(ctx.tu, abs);
		count_diagnostics(&ctx);
		clang_visitChildren(clang_getTranslationUnitCursor(ctx.tu), top_visitor, &ctx);
		if (has_unseen_calls(&ctx))
			skipped = skipped_ranges(idx, abs, &argv, &ctx);
	}
	merge_lexical(&ctx, skipped);
	for (size_t i = 0; ff->built == 0 && i < ff->ncalls; i++) {
		if (!ff->calls[i].compiled)
			continue;
		ff->calls[i].compiled = 0;
		free(ff->calls[i].note);
		ff->calls[i].note = xstrdup("the file is not built in this configuration");
	}
	if (skipped)
		clang_disposeSourceRangeList(skipped);
	if (ctx.tu)
		clang_disposeTranslationUnit(ctx.tu);
	strvec_clear(&argv);
free_buf:
	lex_calls_free(ctx.lex, ctx.nlex);
	branches_clear(&ctx);
	free(ctx.branches);
	free(ctx.callee_at);
	free(ctx.shadow);
	free((char *)ctx.buf);
free_abs:
	free(abs);
}
