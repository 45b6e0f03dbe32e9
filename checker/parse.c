/*
 * Parse one source file with libclang and turn it into facts: the translation unit, the
 * visitors' dispatch, diagnostics and the calls only the lexical census saw.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kernel.h"
#include "parse.h"
#include "parse_ctx.h"
#include "cfg.h"

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
	for (size_t i = 0; i < ff->nfns; i++) {
		free(ff->fns[i].name);
		free(ff->fns[i].exits);
	}
	for (size_t i = 0; i < ff->ncalls; i++) {
		struct call_fact *c = &ff->calls[i];
		free(c->function); free(c->pages); free(c->count); free(c->flags);
		free(c->flags_names); free(c->pages_to); free(c->note); free(c->flags_param);
		free(c->cond);
		free(c->arms);
		free(c->result_to); free(c->result_type); free(c->ucmp); free(c->dirty_arg);
		free(c->addr); free(c->addr_use);
	}
	for (size_t i = 0; i < ff->nstores; i++) {
		struct store_fact *s = &ff->stores[i];
		free(s->function); free(s->struct_name); free(s->field); free(s->value);
	}
	for (size_t i = 0; i < ff->nflows; i++) {
		struct flow_fact *f = &ff->flows[i];
		free(f->function); free(f->dst); free(f->src); free(f->callee);
		free(f->arms);
	}
	for (size_t i = 0; i < ff->nifs; i++)
		free(ff->ifs[i].cond);
	free(ff->ifs);
	for (size_t i = 0; i < ff->npaths; i++) {
		free(ff->paths[i].lines);
		free(ff->paths[i].detail);
	}
	free(ff->paths);
	free(ff->fns); free(ff->calls); free(ff->stores); free(ff->flows);
	free(ff->path); free(ff->first_diag);
	strvec_clear(&ff->includes);
	free(ff->key);
	memset(ff, 0, sizeof(*ff));
}

/* Note an exit of the function being read (return, goto, break) at c's line. */
static void note_exit(struct parse_ctx *ctx, CXCursor c)
{
	struct fn_fact *fn;
	unsigned line;

	if (!ctx->fn || !ctx->ff->nfns)
		return;
	fn = &ctx->ff->fns[ctx->ff->nfns - 1];
	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, &line, NULL, NULL);
	ALLOC_GROW(fn->exits, fn->nexits + 1, fn->exits_alloc);
	fn->exits[fn->nexits++] = line;
}

static enum CXChildVisitResult body_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	struct parse_ctx *ctx = data;
	enum CXCursorKind k = clang_getCursorKind(c);

	if (k == CXCursor_ReturnStmt || k == CXCursor_GotoStmt || k == CXCursor_BreakStmt)
		note_exit(ctx, c);
	switch (k) {
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
	case CXCursor_SwitchStmt:
		visit_switch(ctx, c);
		break;
	case CXCursor_DeclRefExpr:
		visit_function_ref(ctx, c);
		break;
	case CXCursor_InitListExpr:
		visit_ops_init(ctx, c);
		break;
	default:
		break;
	}
	return CXChildVisit_Recurse;
}

/* Is the type t, canonically, a page array (struct page **)? */
static int is_page_array(CXType t)
{
	CXString s = clang_getTypeSpelling(clang_getCanonicalType(t));
	int ret = !strcmp(clang_getCString(s), "struct page **");

	clang_disposeString(s);
	return ret;
}

/* Is c a static inline function definition that takes or returns a page array? */
static int page_array_inline(CXCursor c)
{
	CXType t = clang_getCursorType(c);

	if (clang_getCursorKind(c) != CXCursor_FunctionDecl || !clang_isCursorDefinition(c) ||
	    clang_Cursor_getStorageClass(c) != CX_SC_Static || !clang_Cursor_isFunctionInlined(c))
		return 0;
	if (is_page_array(clang_getResultType(t)))
		return 1;
	for (int i = 0; i < clang_getNumArgTypes(t); i++)
		if (is_page_array(clang_getArgType(t, (unsigned)i)))
			return 1;
	return 0;
}

/* Is the file-scope variable c one EXPORT_SYMBOL*() defines (kernel.def's EXPORT_VAR rows)? */
static int export_var(CXCursor c)
{
	char *name = cursor_name(c);
	int ret = kernel_has(name, ROLE_EXPORT_VAR);

	free(name);
	return ret;
}

static enum CXChildVisitResult top_visitor(CXCursor c, CXCursor parent, CXClientData data)
{
	struct parse_ctx *ctx = data;
	CXSourceRange r;
	unsigned l1, l2;
	size_t first_call;
	CXFile file;

	clang_getExpansionLocation(clang_getCursorLocation(c), &file, NULL, NULL, NULL);
	if (!file || !clang_File_isEqual(file, ctx->main))
		return CXChildVisit_Continue;
	if (ctx->inlines_only && !page_array_inline(c))
		return CXChildVisit_Continue;
	/* a prototype names functions only in a typeof(): EXPORT_SYMBOL()'s redeclaration */
	if ((clang_getCursorKind(c) == CXCursor_VarDecl && export_var(c)) ||
	    (clang_getCursorKind(c) == CXCursor_FunctionDecl && !clang_isCursorDefinition(c)))
		return CXChildVisit_Continue;
	if (clang_getCursorKind(c) != CXCursor_FunctionDecl || !clang_isCursorDefinition(c))
		return body_visitor(c, parent, data);

	r = clang_getCursorExtent(c);
	clang_getExpansionLocation(clang_getRangeStart(r), NULL, &l1, NULL, NULL);
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, &l2, NULL, NULL);
	ALLOC_GROW(ctx->ff->fns, ctx->ff->nfns + 1, ctx->ff->fns_alloc);
	struct fn_fact *fn = &ctx->ff->fns[ctx->ff->nfns++];
	memset(fn, 0, sizeof(*fn));
	fn->name = cursor_name(c);
	fn->line = l1;
	fn->end_line = l2;
	fn->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
	ctx->fn = fn->name;
	ctx->fn_cursor = c;
	clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &ctx->fn_begin);
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &ctx->fn_end);
	ctx->fn_first_flow = ctx->ff->nflows;
	ctx->ret_pages = is_pageish(clang_getResultType(clang_getCursorType(c)));
	/* an integer, or a kernel address ("return page_address(page) + off") */
	CXType rt = clang_getCanonicalType(clang_getResultType(clang_getCursorType(c)));
	ctx->ret_number = !ctx->ret_pages &&
			  (is_number_type(rt) || (rt.kind == CXType_Pointer &&
			   clang_getCanonicalType(clang_getPointeeType(rt)).kind == CXType_Void));
	for (int i = 0; i < clang_Cursor_getNumArguments(c); i++) {
		CXCursor p = clang_Cursor_getArgument(c, i);

		if (is_pageish(clang_getCursorType(p)) || is_number_param(p)) {
			char *name = cursor_name(p);

			add_flow(ctx, p, FLOW_PARAM, xasprintf("param:%s", name), NULL, NULL, i);
			free(name);
		}
	}
	first_call = ctx->fn_first_call = ctx->ff->ncalls;
	clang_visitChildren(c, body_visitor, ctx);
	note_results(ctx, c, first_call);
	parse_function_paths(ctx, c, first_call);
	branches_clear(ctx);
	ctx->fn = NULL;
	ctx->fn_cursor = clang_getNullCursor();
	return CXChildVisit_Continue;
}

/* Count an error diagnostic; the first one is kept, formatted, in ff->first_diag. */
static void note_diagnostic(struct parse_ctx *ctx, CXDiagnostic d)
{
	CXString s;

	if (clang_getDiagnosticSeverity(d) < CXDiagnostic_Error)
		return;
	ctx->ff->ndiag++;
	if (ctx->ff->first_diag)
		return;
	s = clang_formatDiagnostic(d, CXDiagnostic_DisplaySourceLocation |
				   CXDiagnostic_DisplayColumn);
	ctx->ff->first_diag = xstrdup(clang_getCString(s));
	clang_disposeString(s);
}

static void count_diagnostics(struct parse_ctx *ctx)
{
	unsigned n = clang_getNumDiagnostics(ctx->tu);

	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(ctx->tu, i);

		note_diagnostic(ctx, d);
		clang_disposeDiagnostic(d);
	}
	ctx->ff->status = ctx->ff->ndiag ? PARSE_ERRORS : PARSE_OK;
}

static int in_ranges(const CXSourceRangeList *rl, unsigned line)
{
	for (unsigned i = 0; rl && i < rl->count; i++) {
		CXSourceRange r = rl->ranges[i];
		unsigned l1, l2;

		clang_getSpellingLocation(clang_getRangeStart(r), NULL, &l1, NULL, NULL);
		clang_getSpellingLocation(clang_getRangeEnd(r), NULL, &l2, NULL, NULL);
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

/* The starts of lines 1..line of buf (starts[l - 1]; NULL past its end), malloc'ed: one pass. */
static const char **line_starts(const char *buf, size_t len, unsigned line)
{
	const char **starts = xcalloc(line + 1, sizeof(*starts));
	const char *p = buf, *end = buf + len;

	for (unsigned l = 0; l < line && p && p < end; l++) {
		starts[l] = p;
		p = memchr(p, '\n', end - p);
		p = p ? p + 1 : NULL;
	}
	return starts;
}

/* Is line p a directive named d ("if", "else", ...): '#', blanks, then d and no more letters? */
static int is_directive(const char *p, const char *end, const char *d, const char **after)
{
	size_t n = strlen(d);

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end || *p++ != '#')
		return 0;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if ((size_t)(end - p) < n || strncmp(p, d, n) || (p + n < end && isalnum((unsigned char)p[n])))
		return 0;
	*after = p + n;
	return 1;
}

/*
 * The directive that opens the preprocessor branch line is in: "#ifdef CONFIG_X", "#if
 * IS_ENABLED(CONFIG_X)", or "#else of #ifndef CONFIG_X" (continuations joined, at most 120
 * characters); NULL when none is found.  Read from the text, innermost first.
 */
static char *branch_directive(const char *buf, size_t len, unsigned line)
{
	const char *end = buf + len, *after;
	const char **starts = line_starts(buf, len, line);
	int depth = 0;
	const char *elsed = NULL;
	char *ret = NULL;

	for (unsigned l = line; l-- > 1 && !ret; ) {
		const char *p = starts[l - 1], *eol;

		if (!p)
			continue;
		eol = memchr(p, '\n', end - p);
		eol = eol ? eol : end;
		if (is_directive(p, eol, "endif", &after)) {
			depth++;
		} else if (is_directive(p, eol, "else", &after) || is_directive(p, eol, "elif", &after)) {
			if (!depth && !elsed)
				elsed = p;
		} else if (is_directive(p, eol, "if", &after) || is_directive(p, eol, "ifdef", &after) ||
			   is_directive(p, eol, "ifndef", &after)) {
			if (depth) {
				depth--;
				continue;
			}
			struct strbuf sb = { 0 };
			const char *q = p;

			while (q < eol && (*q == ' ' || *q == '\t'))
				q++;
			if (elsed)
				strbuf_addstr(&sb, "#else of ");
			for (; q < end && sb.len < 120; q++) {
				if (*q == '\\' && q + 1 < end && q[1] == '\n') {
					q++;
					continue;
				}
				if (*q == '\n' || (*q == '/' && q + 1 < end && q[1] == '*'))
					break;
				strbuf_add(&sb, *q == '\t' ? " " : q, 1);
			}
			while (sb.len && sb.buf[sb.len - 1] == ' ')
				sb.buf[--sb.len] = '\0';
			ret = strbuf_detach(&sb);
		}
	}
	free(starts);
	return ret;
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

/* Why the compiler did not see lexical call cf (and whether it is compiled nonetheless). */
static void lexical_note(const struct parse_ctx *ctx, const CXSourceRangeList *skipped,
			 struct call_fact *cf)
{
	if (ctx->ff->status == PARSE_OTHER_ARCH) {
		cf->note = xstrdup(ctx->ff->first_diag);
	} else if (in_ranges(skipped, cf->line)) {
		char *d = branch_directive(ctx->buf, ctx->len, cf->line);

		cf->note = d ? xasprintf("in a preprocessor branch disabled in this configuration (%s)", d)
			     : xstrdup("in a preprocessor branch disabled in this configuration");
		free(d);
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

/* A copy of the argument at pos of a lexical call, or NULL (pos ARG_NONE or beyond its args). */
static char *lexical_arg(const struct lex_call *lc, int pos)
{
	return pos >= 0 && (size_t)pos < lc->args.n ? xstrdup(lc->args.v[pos]) : NULL;
}

/* Add the calls only the lexical census saw, saying why the compiler did not. */
static void merge_lexical(struct parse_ctx *ctx, const CXSourceRangeList *skipped)
{
	for (size_t i = 0; i < ctx->nlex; i++) {
		const struct lex_call *lc = &ctx->lex[i];
		const struct gup_api *api = lc->api;
		struct call_fact *cf;

		if (compiler_saw(ctx, lc))
			continue;
		ALLOC_GROW(ctx->ff->calls, ctx->ff->ncalls + 1, ctx->ff->calls_alloc);
		cf = &ctx->ff->calls[ctx->ff->ncalls++];
		memset(cf, 0, sizeof(*cf));
		cf->api = api;
		cf->line = lc->line;
		cf->col = lc->col;
		cf->flags_value = -1;
		cf->seen_by = "lex";
		cf->pages = lexical_arg(lc, api->pages);
		cf->count = lexical_arg(lc, api->count);
		cf->flags = lexical_arg(lc, api->flags);
		lexical_note(ctx, skipped, cf);
	}
}

/*
 * Parsing options; the preprocessing record costs a fifth of the time and is only wanted for
 * skipped ranges.  The facts come from the main file only, so the bodies of the functions the
 * headers define (the preamble: the #include lines a file starts with) are skipped: on
 * linux-6.1 that is a sixth of the wall time (89 s -> 74 s on 2 cores) for the same facts,
 * plan, end-io report and diagnostics counts.
 */
#define PARSE_OPTIONS (CXTranslationUnit_KeepGoing | \
		       CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles | \
		       CXTranslationUnit_PrecompiledPreamble | \
		       CXTranslationUnit_CreatePreambleOnFirstParse | \
		       CXTranslationUnit_SkipFunctionBodies | \
		       CXTranslationUnit_LimitSkipFunctionBodiesToPreamble)

/* Did the lexical census see a call outside macro bodies that the compiler did not? */
static int has_unseen_calls(const struct parse_ctx *ctx)
{
	for (size_t i = 0; i < ctx->nlex; i++)
		if (!compiler_saw(ctx, &ctx->lex[i]) &&
		    !in_define(ctx->buf, ctx->len, ctx->lex[i].line))
			return 1;
	return 0;
}

/* Parse abs with the clang arguments argv into *tu, which the caller disposes of. */
static enum CXErrorCode parse_with(CXIndex idx, const char *abs, const struct strvec *argv,
				   unsigned options, CXTranslationUnit *tu)
{
	const char *const *args = (const char *const *)argv->v;

	return clang_parseTranslationUnit2(idx, abs, args, argv->n, NULL, 0, options, tu);
}

/*
 * The preprocessor-skipped ranges of the main file, from a second parse with
 * the preprocessing record; ctx->tu is replaced by that parse.  NULL if it fails.
 */
static CXSourceRangeList *
skipped_ranges(CXIndex idx, const char *abs, const struct strvec *argv, struct parse_ctx *ctx)
{
	unsigned options = PARSE_OPTIONS | CXTranslationUnit_DetailedPreprocessingRecord;
	CXTranslationUnit tu;

	if (parse_with(idx, abs, argv, options, &tu) != CXError_Success)
		return NULL;
	clang_disposeTranslationUnit(ctx->tu);
	ctx->tu = tu;
	return clang_getSkippedRanges(tu, clang_getFile(tu, abs));
}

/* Free what a parse kept in ctx beside the facts (its text, branches, call positions). */
static void parse_ctx_release(struct parse_ctx *ctx)
{
	branches_clear(ctx);
	strvec_clear(&ctx->kind_fields);
	strvec_clear(&ctx->count_fields);
	free(ctx->branches);
	free(ctx->callee_at);
	free(ctx->shadow);
	free((char *)ctx->buf);
}

/*
 * Read the file at abs into ctx->buf (the caller frees it) and give ctx->ff its content hash and
 * whether it uses MMU notifiers; -1 when it cannot be read: ctx->ff then says so (failed).
 */
static int read_source(struct parse_ctx *ctx, const char *abs)
{
	struct file_facts *ff = ctx->ff;

	ctx->buf = read_file(abs, &ctx->len);
	if (!ctx->buf) {
		ff->status = PARSE_FAILED;
		ff->first_diag = xasprintf("cannot read %s", abs);
		return -1;
	}
	hash_hex(ctx->buf, ctx->len, ff->hash);
	ff->mmu_notifier = kernel_in_text(ctx->buf, ctx->len, ROLE_MMU_NOTIFIER);
	return 0;
}

/* Into argv: args, then "-x c" when the file parsed (rel) is a header. */
static void tu_args(struct strvec *argv, const struct strvec *args, const char *rel)
{
	for (size_t i = 0; i < args->n; i++)
		strvec_push(argv, args->v[i]);
	if (strlen(rel) > 2 && !strcmp(rel + strlen(rel) - 2, ".h")) {
		strvec_push(argv, "-x");
		strvec_push(argv, "c");
	}
}

/*
 * Parse the file (abs, rel in the tree) with libclang and the clang arguments args into ctx->tu
 * and visit it; *skipped gets the preprocessor-skipped ranges when the lexical census saw calls
 * the compiler did not.  The caller disposes of both, the translation unit (NULL when the parse
 * failed) last.
 */
static void parse_tu(struct parse_ctx *ctx, CXIndex idx, const char *abs, const char *rel,
		     const struct strvec *args, CXSourceRangeList **skipped)
{
	struct file_facts *ff = ctx->ff;
	struct strvec argv = { 0 };
	enum CXErrorCode rc;

	tu_args(&argv, args, rel);
	rc = parse_with(idx, abs, &argv, PARSE_OPTIONS, &ctx->tu);
	if (rc != CXError_Success) {
		ff->status = PARSE_FAILED;
		ff->first_diag = xasprintf("%s", parse_error_name(rc));
		ctx->tu = NULL;
		goto clear_argv;
	}
	ctx->main = clang_getFile(ctx->tu, abs);
	count_diagnostics(ctx);
	clang_visitChildren(clang_getTranslationUnitCursor(ctx->tu), top_visitor, ctx);
	if (has_unseen_calls(ctx))
		*skipped = skipped_ranges(idx, abs, &argv, ctx);
clear_argv:
	strvec_clear(&argv);
}

/* Record a header the translation unit read (depth 0 is the main file itself). */
static void inclusion_visitor(CXFile inc, CXSourceLocation *stack, unsigned depth,
			      CXClientData data)
{
	struct parse_ctx *ctx = data;
	size_t rl = strlen(ctx->tree->root);
	CXString s;
	const char *name;

	(void)stack;
	if (!depth)
		return;
	s = clang_getFileName(inc);
	name = clang_getCString(s);
	if (name && !strncmp(name, ctx->tree->root, rl) && name[rl] == '/')
		name += rl + 1;
	if (name && *name)
		strvec_push(&ctx->ff->includes, name);
	clang_disposeString(s);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ff->includes: the headers ctx->tu read, sorted, each once. */
static void record_includes(struct parse_ctx *ctx)
{
	struct strvec *v = &ctx->ff->includes;

	clang_getInclusions(ctx->tu, inclusion_visitor, ctx);
	strvec_sort_unique(v);
}

/*
 * The calls of a file kbuild does not build are not compiled in this configuration; the note
 * names the symbol the Makefile line of rel (the file, or a header's includer) waits for.
 */
static void mark_not_built(const struct kernel_tree *t, const char *rel, struct file_facts *ff)
{
	char *sym = tree_not_built_symbol(t, rel);

	for (size_t i = 0; i < ff->ncalls; i++) {
		if (!ff->calls[i].compiled)
			continue;
		ff->calls[i].compiled = 0;
		free(ff->calls[i].note);
		ff->calls[i].note = sym ? xasprintf("the file is not built in this configuration"
						    " (its Makefile line needs %s)", sym)
				      : xstrdup("the file is not built in this configuration");
	}
	free(sym);
}

void parse_file_args(CXIndex idx, const struct kernel_tree *tree, const char *rel,
		     const struct strvec *args, const char *flags_from, struct file_facts *ff)
{
	struct parse_ctx ctx = { .tree = tree, .ff = ff };
	char *abs = rel[0] == '/' ? xstrdup(rel) : xasprintf("%s/%s", tree->root, rel);
	CXSourceRangeList *skipped = NULL;

	ff->path = xstrdup(rel);
	ff->config = tree->config;
	if (read_source(&ctx, abs))
		goto free_abs;
	ff->ring = 1;
	ctx.nlex = lex_calls(ctx.buf, ctx.len, &ctx.lex);
	ff->built = tree_built(tree, rel, NULL);
	ff->first_diag = tree_other_arch(tree, rel);
	ff->key = facts_key(tree, rel, args, flags_from, ff->built, ff->first_diag);
	if (ff->first_diag) {
		ff->status = PARSE_OTHER_ARCH;
		merge_lexical(&ctx, NULL);
		goto free_buf;
	}
	ff->flags_from = flags_from;
	parse_tu(&ctx, idx, abs, rel, args, &skipped);
	merge_lexical(&ctx, skipped);
	if (ff->built == 0)
		mark_not_built(tree, rel, ff);
	if (skipped)
		clang_disposeSourceRangeList(skipped);
	if (ctx.tu) {
		record_includes(&ctx);
		clang_disposeTranslationUnit(ctx.tu);
	}
free_buf:
	lex_calls_free(ctx.lex, ctx.nlex);
	parse_ctx_release(&ctx);
free_abs:
	free(abs);
}

void parse_file(CXIndex idx, const struct kernel_tree *tree, const char *rel,
		struct file_facts *ff)
{
	struct strvec args = { 0 };
	const char *from = NULL;

	tree_flags(tree, rel, &args, &from);
	parse_file_args(idx, tree, rel, &args, from, ff);
	strvec_clear(&args);
}

/* Header parses read every body: the preamble's bodies are the ones wanted. */
#define HEADER_OPTIONS (CXTranslationUnit_KeepGoing | \
			CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles)

char *header_key(const struct kernel_tree *t, const char *rel, const char *includer,
		 const struct strvec *args, const char *flags_from)
{
	struct strvec v = { 0 };
	char *key;

	for (size_t i = 0; i < args->n; i++)
		strvec_push(&v, args->v[i]);
	strvec_pushf(&v, "(inlines read through %s)", includer);
	key = facts_key(t, rel, &v, flags_from, tree_built(t, includer, NULL), NULL);
	strvec_clear(&v);
	return key;
}

/* The errors ctx->tu reports in ctx->main (the header), as count_diagnostics() counts all. */
static void count_header_diagnostics(struct parse_ctx *ctx)
{
	unsigned n = clang_getNumDiagnostics(ctx->tu);

	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(ctx->tu, i);
		CXFile file;

		clang_getExpansionLocation(clang_getDiagnosticLocation(d), &file, NULL, NULL, NULL);
		if (file && clang_File_isEqual(file, ctx->main))
			note_diagnostic(ctx, d);
		clang_disposeDiagnostic(d);
	}
	ctx->ff->status = ctx->ff->ndiag ? PARSE_ERRORS : PARSE_OK;
}

/* Parse includer (abs_inc) with args and visit what the header abs defines. */
static void header_tu(struct parse_ctx *ctx, CXIndex idx, const char *abs, const char *abs_inc,
		      const char *includer, const struct strvec *args)
{
	struct strvec argv = { 0 };
	enum CXErrorCode rc;

	tu_args(&argv, args, includer);
	rc = parse_with(idx, abs_inc, &argv, HEADER_OPTIONS, &ctx->tu);
	strvec_clear(&argv);
	if (rc != CXError_Success) {
		ctx->ff->status = PARSE_FAILED;
		ctx->ff->first_diag = xasprintf("%s", parse_error_name(rc));
		ctx->tu = NULL;
		return;
	}
	ctx->main = clang_getFile(ctx->tu, abs);
	if (!ctx->main) {
		ctx->ff->status = PARSE_FAILED;
		ctx->ff->first_diag = xasprintf("%s does not read it", includer);
		return;
	}
	count_header_diagnostics(ctx);
	clang_visitChildren(clang_getTranslationUnitCursor(ctx->tu), top_visitor, ctx);
}

void parse_header_args(CXIndex idx, const struct kernel_tree *tree, const char *rel,
		       const char *includer, const struct strvec *args, const char *flags_from,
		       struct file_facts *ff)
{
	struct parse_ctx ctx = { .tree = tree, .ff = ff, .inlines_only = 1 };
	char *abs = xasprintf("%s/%s", tree->root, rel);
	char *abs_inc = includer[0] == '/' ? xstrdup(includer)
					   : xasprintf("%s/%s", tree->root, includer);

	ff->path = xstrdup(rel);
	ff->config = tree->config;
	ff->ring = 1;
	ff->built = tree_built(tree, includer, NULL);
	ff->key = header_key(tree, rel, includer, args, flags_from);
	if (read_source(&ctx, abs))
		goto free_abs;
	ff->flags_from = flags_from;
	header_tu(&ctx, idx, abs, abs_inc, includer, args);
	if (ctx.tu) {
		record_includes(&ctx);
		strvec_push(&ff->includes, includer);
		qsort(ff->includes.v, ff->includes.n, sizeof(*ff->includes.v), cmp_str);
		clang_disposeTranslationUnit(ctx.tu);
	}
	if (ff->built == 0)
		mark_not_built(tree, includer, ff);
	parse_ctx_release(&ctx);
free_abs:
	free(abs_inc);
	free(abs);
}
