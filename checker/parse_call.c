/* GUP-family calls: the call fact, its pages, count and flags arguments, how flags are written. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "kernel.h"
#include "parse_ctx.h"

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
 * Is the pages argument "&v", v a local of the function declared "= NULL" (or 0)?  A call for
 * one page that takes none then leaves v NULL: the pointer says whether a page was taken.
 */
static int null_initialized(struct parse_ctx *ctx, const char *text, CXCursor arg)
{
	CXCursor e = strip(arg), v = clang_getNullCursor(), init = clang_getNullCursor();
	int null = 0;

	if (!text || text[0] != '&' || clang_getCursorKind(e) != CXCursor_UnaryOperator)
		return 0;
	clang_visitChildren(e, last_expr_visitor, &v);
	v = strip(v);
	if (clang_Cursor_isNull(v) || clang_getCursorKind(v) != CXCursor_DeclRefExpr)
		return 0;
	v = clang_getCursorReferenced(v);
	if (clang_getCursorKind(v) != CXCursor_VarDecl ||
	    clang_getCursorKind(clang_getCursorSemanticParent(v)) != CXCursor_FunctionDecl)
		return 0;
	clang_visitChildren(v, last_expr_visitor, &init);
	if (!clang_Cursor_isNull(init)) {
		char *t = cursor_text(ctx, init);

		null = t && (!strcmp(t, "NULL") || !strcmp(t, "0"));
		free(t);
	}
	return null;
}

/*
 * Is the flags variable var given flag (FOLL_LONGTERM, FOLL_WRITE) in the enclosing function
 * ("flags = FOLL_LONGTERM", "flags |= FOLL_LONGTERM | ...", or its declaration)?
 */
static int var_gets(const struct parse_ctx *ctx, const char *var, const char *flag)
{
	size_t n = strlen(var);
	const char *end = ctx->buf + (ctx->fn_end < ctx->len ? ctx->fn_end : ctx->len);

	for (const char *p = ctx->buf + ctx->fn_begin; p && p < end; p++) {
		const char *q = p + n, *semi;

		if (strncmp(p, var, n) || (p > ctx->buf && is_ident_char(p[-1])) ||
		    is_ident_char(*q))
			continue;
		while (q < end && isspace((unsigned char)*q))
			q++;
		if (*q == '|')
			q++;
		if (*q != '=' || q[1] == '=')
			continue;
		semi = memchr(q, ';', end - q);
		if (semi && memmem(q, semi - q, flag, strlen(flag)))
			return 1;
	}
	return 0;
}

/* Does the enclosing function's text have a kernel.def WORD of role? */
static int fn_text_has(const struct parse_ctx *ctx, enum kernel_role role)
{
	unsigned end = ctx->fn_end < ctx->len ? ctx->fn_end : (unsigned)ctx->len;

	return ctx->fn_begin < end &&
	       kernel_in_text(ctx->buf + ctx->fn_begin, end - ctx->fn_begin, role);
}

/* How a flags argument is written: by FOLL_* names (or 0), as a number, a truth value, or else. */
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
	if (k == CXCursor_UnaryOperator &&
	    clang_getCursorUnaryOperatorKind(e) == CXUnaryOperator_LNot)
		return "bool";
	if (k == CXCursor_BinaryOperator) {
		enum CXBinaryOperatorKind b = clang_getCursorBinaryOperatorKind(e);

		if ((b >= CXBinaryOperator_LT && b <= CXBinaryOperator_NE) ||
		    b == CXBinaryOperator_LAnd || b == CXBinaryOperator_LOr)
			return "bool";
	}
	return "expr";
}

/*
 * The role of argument i of cf's call: 'p' pages, 'n' count, 'f' flags or 0.  Declared
 * parameter names (when decl has as many parameters as the call has arguments) beat cf->api's
 * positions; a flags parameter's name is kept in cf->flags_param.
 */
static int arg_role(struct call_fact *cf, CXCursor decl, int named, int i)
{
	const struct gup_api *api = cf->api;
	int role = 0;

	if (named) {
		char *pname = cursor_name(clang_Cursor_getArgument(decl, i));

		role = api_param_role(pname);
		if (role == 'f' && !cf->flags_param)
			cf->flags_param = xstrdup(pname);
		free(pname);
	}
	if (role)
		return role;
	return i == api->pages ? 'p' : i == api->count ? 'n' : i == api->flags ? 'f' : 0;
}

/* The flags argument arg (number i) of cf's call: its text, form, FOLL_LONGTERM and value. */
static void add_flags(struct parse_ctx *ctx, struct call_fact *cf, CXCursor call, CXCursor arg,
		      const struct lex_call *lc, int i)
{
	CXEvalResult ev = clang_Cursor_Evaluate(arg);
	int is_var = clang_getCursorKind(strip(arg)) == CXCursor_DeclRefExpr;

	cf->flags = arg_text(ctx, arg, lc, i);
	cf->flags_form = flags_form(arg, cf->flags);
	cf->longterm = strstr(cf->flags, "FOLL_LONGTERM") != NULL ||
		(is_var && var_gets(ctx, cf->flags, "FOLL_LONGTERM"));
	cf->write = strstr(cf->flags, "FOLL_WRITE") != NULL ||
		(is_var && var_gets(ctx, cf->flags, "FOLL_WRITE"));
	if (ev && clang_EvalResult_getKind(ev) == CXEval_Int)
		cf->flags_value = (int64_t)clang_EvalResult_getAsUnsigned(ev);
	if (ev)
		clang_EvalResult_dispose(ev);
	if (cf->flags_value >= 0)
		cf->flags_names = tree_foll_names(ctx->tree, cf->flags_value);
	if (cf->flags_names && strstr(cf->flags_names, "FOLL_WRITE"))
		cf->write = 1;	/* the old APIs' int write, or a bool: 1 is FOLL_WRITE */
	note_flag_params(ctx, call, cf->api->name, i, arg, cf->flags);
}

/* A call of api at line:col (in_macro: written in a macro body) becomes a call fact. */
static void add_call(struct parse_ctx *ctx, CXCursor call, const struct gup_api *api,
		     unsigned line, unsigned col, int in_macro, const char *result)
{
	const struct lex_call *lc = in_macro ? lex_at(ctx, line, col) : NULL;
	CXCursor decl = clang_getCursorReferenced(call);
	int nargs = clang_Cursor_getNumArguments(call);
	int named = clang_Cursor_getNumArguments(decl) == nargs;
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
	cf->cond = branch_condition(ctx, call);	/* an acquire's: mixed-origin names it */
	cf->arms = branch_arms(ctx, call);
	cf->dma_to_device = ctx->fn && fn_text_has(ctx, ROLE_DMA_TO_WORD) &&
			    !fn_text_has(ctx, ROLE_DMA_WRITE_WORD);
	for (int i = 0; i < nargs; i++) {
		CXCursor arg = clang_Cursor_getArgument(call, i);
		int role = arg_role(cf, decl, named, i);

		if (role == 'p' && !cf->pages) {
			cf->pages = arg_text(ctx, arg, lc, i);
			cf->pages_to = pages_location(arg);
			cf->null_init = !lc && null_initialized(ctx, cf->pages, arg);
		} else if (role == 'n' && !cf->count) {
			cf->count = arg_text(ctx, arg, lc, i);
		} else if (role == 'f' && !cf->flags) {
			add_flags(ctx, cf, call, arg, lc, i);
		} else if (role == 'a' && !cf->addr && !lc &&
			   clang_getCursorKind(strip(arg)) == CXCursor_DeclRefExpr) {
			cf->addr = cursor_name(strip(arg));
		}
	}
}

struct refs_var {
	const char *name;
	int found;
};

static enum CXChildVisitResult refs_visitor(CXCursor c, CXCursor parent __attribute__((unused)),
					    CXClientData data)
{
	struct refs_var *rv = data;
	CXString s;

	if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
		return CXChildVisit_Recurse;
	s = clang_getCursorSpelling(c);
	rv->found = !strcmp(clang_getCString(s), rv->name);
	clang_disposeString(s);
	return rv->found ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* Does expression e name the variable name (itself, or inside: "(void __user *)addr + off")? */
static int refs_var(CXCursor e, const char *name)
{
	struct refs_var rv = { name, 0 };

	if (clang_getCursorKind(e) == CXCursor_DeclRefExpr) {
		char *n = cursor_name(e);

		rv.found = !strcmp(n, name);
		free(n);
		return rv.found;
	}
	clang_visitChildren(e, refs_visitor, &rv);
	return rv.found;
}

/*
 * A call c of name, not of the GUP family, later in the function than an acquire whose user
 * address variable one of its arguments names: the acquire's first such call is its addr_use
 * (plan.c: pages held for writing across it have their data reached).  kernel.def's ADDR_ONLY
 * functions (find_vma()) reach no data.
 */
static void note_addr_use(struct parse_ctx *ctx, CXCursor c, const char *name)
{
	int n = clang_Cursor_getNumArguments(c);
	unsigned line;

	if (!ctx->fn || n <= 0 || kernel_has(name, ROLE_ADDR_ONLY))
		return;
	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, &line, NULL, NULL);
	for (size_t i = ctx->fn_first_call; i < ctx->ff->ncalls; i++) {
		struct call_fact *cf = &ctx->ff->calls[i];

		if (!cf->addr || cf->addr_use || line <= cf->line)
			continue;
		for (int a = 0; a < n; a++) {
			if (!refs_var(clang_Cursor_getArgument(c, a), cf->addr))
				continue;
			cf->addr_use = xstrdup(name);
			cf->addr_use_line = line;
			break;
		}
	}
}

/*
 * A call expression.  A GUP-family call whose callee is written in the main file (or where a
 * main-file macro expands) is a call fact; a same-named static helper and any other function
 * go to visit_other_call().
 */
void visit_call(struct parse_ctx *ctx, CXCursor c, CXCursor parent)
{
	CXString name = clang_getCursorSpelling(c);
	const struct gup_api *api = api_lookup(clang_getCString(name));
	CXFile file, efile;
	unsigned line, col, eline, ecol, off;

	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, NULL, NULL, &off);
	ALLOC_GROW(ctx->callee_at, ctx->ncallee_at + 1, ctx->callee_at_alloc);
	ctx->callee_at[ctx->ncallee_at++] = off;

	if (!api) {
		visit_flag_args(ctx, c, clang_getCString(name));
		note_addr_use(ctx, c, clang_getCString(name));
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
		visit_flag_args(ctx, c, api->name);
		visit_other_call(ctx, c, api->name);
		return;
	}
	add_call(ctx, c, api, line, col, line != eline || col != ecol,
		 clang_getCursorKind(parent) == CXCursor_CompoundStmt ? "ignored" : "used");
}
