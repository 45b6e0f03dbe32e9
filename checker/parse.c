/*
 * Parse one source file with libclang and turn it into facts: the translation unit, the
 * visitors' dispatch, diagnostics and the calls only the lexical census saw.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kernel.h"
#include "parse.h"
#include "parse_ctx.h"

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
	ff->mmu_notifier = kernel_in_text(ctx.buf, ctx.len, ROLE_MMU_NOTIFIER);
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
