/* The if branches of a function and the condition that leads into each. */
#include <stdlib.h>
#include "parse_ctx.h"

char *branch_condition(const struct parse_ctx *ctx, CXCursor c)
{
	const struct branch *best = NULL;
	unsigned off;

	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, NULL, NULL, &off);
	for (size_t i = 0; i < ctx->nbranches; i++) {
		const struct branch *b = &ctx->branches[i];

		if (b->begin <= off && off < b->end &&
		    (!best || b->end - b->begin < best->end - best->begin))
			best = b;
	}
	return best ? xstrdup(best->cond) : NULL;
}

char *branch_arms(const struct parse_ctx *ctx, CXCursor c)
{
	struct strbuf sb = { 0 };
	unsigned off;

	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, NULL, NULL, &off);
	for (size_t i = 0; i < ctx->nbranches; i++) {
		const struct branch *b = &ctx->branches[i];

		if (b->begin <= off && off < b->end)
			strbuf_addf(&sb, "%s%u:%d", sb.len ? "," : "", b->if_at, b->arm);
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

void visit_if(struct parse_ctx *ctx, CXCursor c)
{
	struct kids kids = { .n = 0 };
	char *cond;
	unsigned if_at;

	clang_visitChildren(c, if_kids_visitor, &kids);
	if (kids.n < 2)
		return;
	cond = cursor_text(ctx, kids.c[0]);
	clang_getExpansionLocation(clang_getCursorLocation(c), NULL, NULL, NULL, &if_at);
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
	}
	free(cond);
}

void branches_clear(struct parse_ctx *ctx)
{
	for (size_t i = 0; i < ctx->nbranches; i++)
		free(ctx->branches[i].cond);
	ctx->nbranches = 0;
}
