/* Ops tables: functions stored in struct members, calls through them, embedded page holders. */
#include <stdlib.h>
#include <string.h>
#include "kernel.h"
#include "parse_ctx.h"

/* The most embedded holders one free records, and how deep it looks into embedded structs. */
#define EMBED_MAX 16
#define EMBED_DEPTH 3

/* The function a value names, as "f", "&f" or a cast of either; NULL otherwise.  Caller frees. */
static char *named_function(CXCursor v)
{
	struct kids kids = { .n = 0 };
	CXCursor d;

	v = strip(v);
	if (clang_getCursorKind(v) == CXCursor_UnaryOperator &&
	    clang_getCursorUnaryOperatorKind(v) == CXUnaryOperator_AddrOf) {
		clang_visitChildren(v, kids_visitor, &kids);
		if (kids.n != 1)
			return NULL;
		v = strip(kids.c[0]);
	}
	d = clang_getCursorReferenced(v);
	if (clang_getCursorKind(v) != CXCursor_DeclRefExpr ||
	    clang_getCursorKind(d) != CXCursor_FunctionDecl)
		return NULL;
	return cursor_name(d);
}

/* Is field (a FieldDecl) a pointer to a function? */
static int is_fn_pointer(CXCursor field)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(field));

	if (t.kind != CXType_Pointer)
		return 0;
	t = clang_getCanonicalType(clang_getPointeeType(t));
	return t.kind == CXType_FunctionProto || t.kind == CXType_FunctionNoProto;
}

/* "struct s.m" for member m of struct s (an anonymous record: its parent); caller frees. */
static char *member_key(CXCursor field)
{
	char *owner = field_owner(field), *name = cursor_name(field);
	char *ret = xasprintf("%s.%s", owner, name);

	free(owner);
	free(name);
	return ret;
}

/* Member field (a FieldDecl) is given function value at cursor at: one FLOW_OPS_SET. */
static void note_ops_set(struct parse_ctx *ctx, CXCursor at, CXCursor field, CXCursor value)
{
	char *fn;

	if (clang_getCursorKind(field) != CXCursor_FieldDecl || !is_fn_pointer(field))
		return;
	fn = named_function(value);
	if (fn)
		add_flow(ctx, at, FLOW_OPS_SET, member_key(field), NULL, fn, -1);
}

/* A designated initializer's innermost field designator and its value. */
struct designated {
	CXCursor field, value;
	int nexpr;
};

static enum CXChildVisitResult
designator_visitor(CXCursor c, CXCursor parent __attribute__((unused)), CXClientData data)
{
	struct designated *d = data;

	if (clang_getCursorKind(c) == CXCursor_MemberRef)
		d->field = clang_getCursorReferenced(c);
	else if (clang_isExpression(clang_getCursorKind(c))) {
		d->value = c;
		d->nexpr++;
	}
	return CXChildVisit_Continue;
}

/* The fields of a record type in order, at most 64 (clang_Type_visitFields). */
struct fields {
	CXCursor f[64];
	unsigned n;
};

static enum CXVisitorResult field_visitor(CXCursor c, CXClientData data)
{
	struct fields *fs = data;

	if (fs->n >= 64)
		return CXVisit_Break;
	fs->f[fs->n++] = c;
	return CXVisit_Continue;
}

struct init_walk {
	struct parse_ctx *ctx;
	struct fields fields;
	unsigned index;
};

/*
 * One member of an initializer list: ".m = f" (clang's DesignatedInitExpr: member references,
 * then the value) or, in a list without designators, the index-th field given f.
 */
static enum CXChildVisitResult
init_member_visitor(CXCursor c, CXCursor parent __attribute__((unused)), CXClientData data)
{
	struct init_walk *w = data;
	struct designated d = { clang_getNullCursor(), clang_getNullCursor(), 0 };
	unsigned i = w->index++;

	clang_visitChildren(c, designator_visitor, &d);
	if (!clang_Cursor_isNull(d.field) && d.nexpr == 1) {
		note_ops_set(w->ctx, c, d.field, d.value);
		w->index = 0;
		for (unsigned k = 0; k < w->fields.n; k++)	/* positional members follow it */
			if (clang_equalCursors(w->fields.f[k], d.field))
				w->index = k + 1;
	} else if (i < w->fields.n) {
		note_ops_set(w->ctx, c, w->fields.f[i], c);
	}
	return CXChildVisit_Continue;
}

void visit_ops_init(struct parse_ctx *ctx, CXCursor c)
{
	struct init_walk w = { .ctx = ctx };
	CXType t = clang_getCanonicalType(clang_getCursorType(c));

	if (t.kind != CXType_Record)
		return;
	clang_Type_visitFields(t, field_visitor, &w.fields);
	clang_visitChildren(c, init_member_visitor, &w);
}

void visit_ops_assign(struct parse_ctx *ctx, CXCursor at, CXCursor lhs, CXCursor rhs)
{
	if (clang_getCursorKind(lhs) == CXCursor_MemberRefExpr)
		note_ops_set(ctx, at, clang_getCursorReferenced(lhs), rhs);
}

int visit_ops_call(struct parse_ctx *ctx, CXCursor c, const char *name)
{
	CXCursor field = clang_getCursorReferenced(c);
	int n = clang_Cursor_getNumArguments(c);
	char *key;

	if (clang_getCursorKind(field) != CXCursor_FieldDecl || !is_fn_pointer(field))
		return 0;
	key = member_key(field);
	if (ctx->fn)
		add_flow(ctx, c, FLOW_OPS_CALL, xstrdup(key), NULL, xasprintf("(*%s)", name), -1);
	for (int i = 0; i < n; i++) {
		CXCursor arg = clang_Cursor_getArgument(c, i);

		if (is_pageish(clang_getCursorType(arg)))
			add_flow(ctx, c, FLOW_OPS_CALL, xstrdup(key), pages_location(arg),
				 xasprintf("(*%s)", name), i);
	}
	free(key);
	return 1;
}

/* Does a field hold pages itself (a page pointer or array, a container)?  Stops at the first. */
static enum CXVisitorResult holder_visitor(CXCursor c, CXClientData data)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(c));
	CXString s = clang_getTypeSpelling(t);
	int *holds = data;

	*holds = is_pageish(t) || (t.kind == CXType_Record &&
				   kernel_has(unqualified(clang_getCString(s)), ROLE_CONTAINER));
	clang_disposeString(s);
	return *holds ? CXVisit_Break : CXVisit_Continue;
}

struct embed_walk {
	struct parse_ctx *ctx;
	CXCursor at;
	const char *callee;
	int depth, n;
};

static void embedded_frees(struct embed_walk *w, CXType outer);

/* A field of a freed struct: a named struct embedded in it is freed with it. */
static enum CXVisitorResult embed_visitor(CXCursor c, CXClientData data)
{
	struct embed_walk *w = data;
	CXType t = clang_getCanonicalType(clang_getCursorType(c));
	CXString s;
	const char *name;
	int holds = 0;

	if (t.kind != CXType_Record || w->n >= EMBED_MAX)
		return w->n >= EMBED_MAX ? CXVisit_Break : CXVisit_Continue;
	if (clang_Cursor_isAnonymous(clang_getTypeDeclaration(t))) {
		embedded_frees(w, t);	/* its fields are the outer struct's */
		return CXVisit_Continue;
	}
	s = clang_getTypeSpelling(t);
	name = unqualified(clang_getCString(s));
	if (!strncmp(name, "struct ", 7) && !strchr(name, '(') &&
	    !kernel_has(name, ROLE_CONTAINER)) {
		clang_Type_visitFields(t, holder_visitor, &holds);
		if (holds) {
			add_flow(w->ctx, w->at, FLOW_FREE, xstrdup(name), NULL,
				 xstrdup(w->callee), -1);
			w->n++;
		}
		embedded_frees(w, t);
	}
	clang_disposeString(s);
	return CXVisit_Continue;
}

static void embedded_frees(struct embed_walk *w, CXType outer)
{
	if (w->depth >= EMBED_DEPTH)
		return;
	w->depth++;
	clang_Type_visitFields(outer, embed_visitor, w);
	w->depth--;
}

void note_embedded_frees(struct parse_ctx *ctx, CXCursor at, CXType freed, const char *callee)
{
	struct embed_walk w = { ctx, at, callee, 0, 0 };
	CXType t = clang_getCanonicalType(freed);

	if (t.kind == CXType_Pointer)
		t = clang_getCanonicalType(clang_getPointeeType(t));
	if (t.kind == CXType_Record)
		embedded_frees(&w, t);
}
