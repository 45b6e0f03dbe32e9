/* Flags handed through calls: flags-like arguments (FLOW_FLAGS) and the parameters they come from. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "parse_ctx.h"

static int is_bool_type(CXType t)
{
	CXString s = clang_getTypeSpelling(clang_getCanonicalType(t));
	int yes = !strcmp(clang_getCString(s), "_Bool");

	clang_disposeString(s);
	return yes;
}

/* The first place text names identifier id as a whole word, or NULL. */
static const char *find_word(const char *text, const char *id)
{
	size_t n = strlen(id);

	for (const char *p = text; (p = strstr(p, id)); p += n)
		if ((p == text || !is_ident_char(p[-1])) && !is_ident_char(p[n]))
			return p;
	return NULL;
}

/* Is id used as a truth value in text: "id ?", "!id", "id &&", "id ||"? */
static int truth_use(const char *text, const char *id)
{
	size_t n = strlen(id);

	for (const char *p = text; (p = find_word(p, id)); p += n) {
		const char *q = p + n;

		while (*q == ' ' || *q == ')')
			q++;
		if (*q == '?' || !strncmp(q, "&&", 2) || !strncmp(q, "||", 2) ||
		    (p > text && p[-1] == '!'))
			return 1;
	}
	return 0;
}

/*
 * The right-hand sides the local var gets in the enclosing function ("var = ...;",
 * "var |= ...;", its initializer), joined by " | ".  Caller frees; "" when none is found.
 */
static char *var_sources(const struct parse_ctx *ctx, const char *var)
{
	struct strbuf sb = { 0 };
	size_t n = strlen(var);
	const char *end = ctx->buf + (ctx->fn_end < ctx->len ? ctx->fn_end : ctx->len);

	for (const char *p = ctx->buf + ctx->fn_begin; p + n < end; p++) {
		const char *q = p + n, *semi;

		if (strncmp(p, var, n) || (p > ctx->buf && is_ident_char(p[-1])) ||
		    is_ident_char(*q))
			continue;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q < end && *q == '|')
			q++;
		if (q >= end || *q != '=' || q[1] == '=')
			continue;
		q++;
		if (!(semi = memchr(q, ';', end - q)))
			continue;
		strbuf_addf(&sb, "%s%.*s", sb.len ? " | " : "", (int)(semi - q), q);
	}
	return sb.len ? strbuf_detach(&sb) : xstrdup("");
}

/* The FOLL_* names written in text, '|'-joined, each once; NULL when it names none. */
static char *foll_in_text(const char *text)
{
	struct strbuf sb = { 0 };

	for (const char *p = text; (p = strstr(p, "FOLL_")); ) {
		size_t n = 0;
		char *name;

		if (p > text && is_ident_char(p[-1])) {
			p += 5;
			continue;
		}
		while (is_ident_char(p[n]))
			n++;
		name = xstrndup(p, n);
		if (!find_word(sb.len ? sb.buf : "", name))
			strbuf_addf(&sb, "%s%s", sb.len ? "|" : "", name);
		free(name);
		p += n;
	}
	return sb.len ? strbuf_detach(&sb) : NULL;
}

/*
 * What the flags argument arg (written text) is made of: text itself, or, for a local
 * variable, the values it is given.  Caller frees.
 */
static char *flag_sources(const struct parse_ctx *ctx, CXCursor arg, const char *text)
{
	CXCursor e = strip(arg), d = clang_getCursorReferenced(e);

	if (clang_getCursorKind(e) == CXCursor_DeclRefExpr &&
	    clang_getCursorKind(d) == CXCursor_VarDecl)
		return var_sources(ctx, text);
	return xstrdup(text);
}

void note_flag_params(struct parse_ctx *ctx, CXCursor call, const char *callee, int argno,
		      CXCursor arg, const char *text)
{
	char *src;
	int n;

	if (!ctx->fn || clang_Cursor_isNull(ctx->fn_cursor))
		return;
	src = flag_sources(ctx, arg, text);
	n = clang_Cursor_getNumArguments(ctx->fn_cursor);
	for (int i = 0; i < n; i++) {
		CXCursor p = clang_Cursor_getArgument(ctx->fn_cursor, i);
		char *name = cursor_name(p);

		if (name[0] && find_word(src, name)) {
			int truth = is_bool_type(clang_getCursorType(p)) || truth_use(src, name);

			add_flow(ctx, call, FLOW_FLAG_PARAM,
				 xasprintf("%s:%d", truth ? "truth" : "flags", i), name,
				 xstrdup(callee), argno);
			continue;
		}
		free(name);
	}
	free(src);
}

/*
 * The flags argument arg (written text) to a truth parameter (truth) or a flags parameter:
 * "true"/"false", or its FOLL_* names, for a constant; else NULL for a truth value, the FOLL_*
 * names written in it (or in the values of its variable) for flags.  Caller frees.
 */
static char *flag_names(const struct parse_ctx *ctx, CXCursor arg, const char *text, int truth)
{
	CXEvalResult ev = clang_Cursor_Evaluate(arg);
	char *names = NULL, *src;

	if (ev && clang_EvalResult_getKind(ev) == CXEval_Int) {
		unsigned long long v = clang_EvalResult_getAsUnsigned(ev);

		names = truth ? xstrdup(v ? "true" : "false") : tree_foll_names(ctx->tree, v);
	}
	if (ev)
		clang_EvalResult_dispose(ev);
	if (names || truth)
		return names;
	src = flag_sources(ctx, arg, text);
	names = foll_in_text(src);
	free(src);
	return names;
}

void visit_flag_args(struct parse_ctx *ctx, CXCursor call, const char *callee)
{
	CXCursor decl = clang_getCursorReferenced(call);
	int n = clang_Cursor_getNumArguments(call);

	if (!ctx->fn || clang_getCursorKind(decl) != CXCursor_FunctionDecl ||
	    clang_Cursor_getNumArguments(decl) != n)
		return;
	for (int i = 0; i < n; i++) {
		CXCursor p = clang_Cursor_getArgument(decl, i);
		CXCursor arg = clang_Cursor_getArgument(call, i);
		char *pname = cursor_name(p), *text;
		int truth = is_bool_type(clang_getCursorType(p));
		int named = api_param_role(pname) == 'f';

		free(pname);
		if (is_pageish(clang_getCursorType(p)))
			continue;
		text = cursor_text(ctx, arg);
		if (!truth && !named && !strstr(text, "FOLL_")) {
			free(text);
			continue;
		}
		add_flow(ctx, call, FLOW_FLAGS, flag_names(ctx, arg, text, truth), xstrdup(text),
			 xstrdup(callee), i);
		note_flag_params(ctx, call, callee, i, arg, text);
		free(text);
	}
}
