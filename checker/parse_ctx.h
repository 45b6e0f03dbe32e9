/* Inside the parser: the visitor state and what the parse_*.c files offer each other. */
#ifndef GUPCHECK_PARSE_CTX_H
#define GUPCHECK_PARSE_CTX_H

#include <ctype.h>
#include <clang-c/Index.h>
#include "facts.h"
#include "lex.h"
#include "tree.h"

/* An if statement's then or else branch: where it is in buf, and the condition that leads there. */
struct branch {
	unsigned begin, end;
	char *cond;
	unsigned if_at;		/* the if statement's offset in buf: the branch's identity with arm */
	int arm;		/* 1: then, 2: else */
	unsigned line;		/* the if statement's line */
	enum cond_class cls;	/* what its condition tests */
	int used;		/* some fact's arms name it (branch_arms()): kept in ff->ifs */
	int is_case;		/* a switch's case (arm: its number): not a condition of its own */
};

/*
 * Visitor state, passed to every visitor as CXClientData (the c-index-test idiom).  parse.c
 * creates it in parse_file() and releases everything it holds there.
 */
struct parse_ctx {
	CXTranslationUnit tu;
	CXFile main;
	int inlines_only;	/* a header read for its page-array inlines (parse_header_args()) */
	const struct kernel_tree *tree;
	struct file_facts *ff;
	const char *buf;		/* the file's text, for argument spellings */
	size_t len;
	const char *fn;			/* enclosing function definition, or NULL */
	CXCursor fn_cursor;		/* its cursor (clang_getNullCursor() outside one) */
	struct lex_call *lex;		/* the lexical census of the file */
	size_t nlex;
	unsigned *shadow;		/* line<<12|col of calls to same-named non-API functions */
	size_t nshadow, shadow_alloc;
	int ret_pages;			/* the enclosing function returns a page-typed value */
	int ret_number;			/* ... an integer or void *: perhaps a page's number or address */
	unsigned fn_begin, fn_end;	/* the enclosing function's byte range in buf */
	size_t fn_first_flow;		/* its first flow in ff->flows */
	size_t fn_first_call;		/* its first call fact in ff->calls */
	/* parse_cond.c: fields the file sets to named constants only, and fields it does not */
	struct strvec kind_fields, count_fields;
	struct branch *branches;	/* the if branches of the enclosing function */
	size_t nbranches, branches_alloc;
	unsigned *callee_at;		/* offsets of the callee names of the calls seen */
	size_t ncallee_at, callee_at_alloc;
};

/* Can c be part of a C identifier? */
static inline int is_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* parse_loc.c: cursors, types and the locations pages live in. */

/* The first three children of a cursor, collected by kids_visitor(). */
struct kids { CXCursor c[3]; unsigned n; };
enum CXChildVisitResult kids_visitor(CXCursor c, CXCursor parent, CXClientData data);
/* The text of a cursor as written in the main file, whitespace folded; caller frees. */
char *cursor_text(struct parse_ctx *ctx, CXCursor c);
/* A cursor's spelling; caller frees. */
char *cursor_name(CXCursor c);
/* c without implicit casts, parentheses and explicit casts. */
/* clang_visitChildren() visitor: *(CXCursor *)data becomes the last expression child. */
enum CXChildVisitResult last_expr_visitor(CXCursor c, CXCursor parent, CXClientData data);
CXCursor strip(CXCursor c);
/* The named struct that declares a field, e.g. "struct ib_umem"; caller frees. */
char *field_owner(CXCursor field);
/* "const struct page *" -> "struct page *": the type spelling without a leading qualifier. */
const char *unqualified(const char *t);
/* Can a value of type t hold user pages (kernel.def's HOLDS_PAGES types)? */
int is_pageish(CXType t);
/* Is t exactly a page pointer or page array (not a container)? */
int is_page_type(CXType t);
/*
 * Where an expression's pages live: "local:x", "param:x", "global:x", "field:struct s.f",
 * "lfield:struct s.f", "&...", "call:f", "null" or "expr".  Caller frees.
 */
char *pages_location(CXCursor e);
/*
 * Is e a page-number conversion (kernel.def's PAGE_NUMBER: pfn_to_page(), page_to_pfn(),
 * PFN_PHYS(), as a call or a macro's expansion)?  *operand is then the expression it converts.
 */
int page_number_operand(CXCursor e, CXCursor *operand);
/* What pages_location() names: e without casts, conversions, "&", "*", "[i]" and "+ n". */
CXCursor location_base(CXCursor e);

/* parse_cond.c: if branches and their conditions. */

/* Remember an if statement's branches with their conditions ("!(cond)" for the else branch). */
void visit_if(struct parse_ctx *ctx, CXCursor c);
/*
 * Remember a switch statement's cases as branches of it (arms 1, 2, ... in order; a case runs
 * to the next label), whose condition "switch (x)" picks by a command or type: a kind test.
 */
void visit_switch(struct parse_ctx *ctx, CXCursor c);
/* The condition of the innermost if branch (not case) around cursor c, or NULL; caller frees. */
char *branch_condition(const struct parse_ctx *ctx, CXCursor c);
/*
 * Every if branch around cursor c as "IF:ARM" pairs joined by ',' (IF: the if statement's
 * offset, ARM: 1 then, 2 else), or NULL when c is in none; caller frees.
 */
char *branch_arms(struct parse_ctx *ctx, CXCursor c);
/*
 * Forget the branches of the function just visited (the array is kept for the next one); the
 * if statements some branch_arms() named go to ctx->ff->ifs first, with their conditions'
 * class (enum cond_class).
 */
void branches_clear(struct parse_ctx *ctx);

/* parse_call.c: GUP-family calls and their argument roles. */

/* A call expression: a GUP-family call becomes a call fact, any other call its flows. */
void visit_call(struct parse_ctx *ctx, CXCursor c, CXCursor parent);

/* parse_result.c: an acquire's result and a release's dirtying argument. */

/*
 * After the function fn is visited: the result facts (call_fact.result_to ... neg_line) of
 * its acquire calls and the dirty_arg of its releases, the call facts from first on.
 */
void note_results(struct parse_ctx *ctx, CXCursor fn, size_t first);

/* parse_flow.c: flows between locations. */

/* Record a flow at cursor at; takes ownership of dst, src and callee (each may be NULL). */
void add_flow(struct parse_ctx *ctx, CXCursor at, enum flow_kind kind, char *dst, char *src,
	      char *callee, int argno);
/* A call to a function outside the GUP family (name): fills, merges, frees, passes... */
void visit_other_call(struct parse_ctx *ctx, CXCursor c, const char *name);
/* "a = b": an assignment's flow, the store of a page pointer into a field, bi_end_io. */
void visit_assign(struct parse_ctx *ctx, CXCursor c);
/* "struct page *p = x" and "return x": flows like an assignment. */
void visit_decl_or_return(struct parse_ctx *ctx, CXCursor c);
/* Is parameter p a page number or a pointer to one (a number type named for pfns)? */
int is_number_param(CXCursor p);

/* parse_flags.c: flags handed through calls (wrapper acquire APIs, issue 14 shape 7). */

/*
 * The call c to callee, a function that is not of the GUP family: a FLOW_FLAGS fact for each
 * argument given to a flags parameter (kernel.def's PARAM_FLAGS names), a truth-valued one or
 * written with FOLL_* names, and the FLOW_FLAG_PARAM facts of the parameters it comes from.
 */
void visit_flag_args(struct parse_ctx *ctx, CXCursor c, const char *callee);
/*
 * A FLOW_FLAG_PARAM fact for each parameter of the enclosing function that the flags argument
 * argno of the call to callee (arg, written text) names, itself or through a local variable's
 * values.
 */
void note_flag_params(struct parse_ctx *ctx, CXCursor call, const char *callee, int argno,
		      CXCursor arg, const char *text);
/* Is t an integer, or a pointer to one (a pfn out-parameter)? */
int is_number_type(CXType t);
/* A function named but not called: a callback. */
void visit_function_ref(struct parse_ctx *ctx, CXCursor c);

/* parse_ops.c: ops tables and embedded structs. */

/* An initializer list: ".m = f" (or f in m's place) gives member m of its struct function f. */
void visit_ops_init(struct parse_ctx *ctx, CXCursor c);
/* "ops->m = f" / "x.m = f" at cursor at: lhs (stripped) is given function rhs. */
void visit_ops_assign(struct parse_ctx *ctx, CXCursor at, CXCursor lhs, CXCursor rhs);
/*
 * A call c (its spelling name) through a function-pointer member: its FLOW_OPS_CALL flows
 * (the call, each page-typed argument); 0 when c is not such a call (nothing recorded).
 */
int visit_ops_call(struct parse_ctx *ctx, CXCursor c, const char *name);
/*
 * A free (callee) at cursor at of a value of type freed ("struct s *"): also a FLOW_FREE of
 * each named struct embedded in struct s (three deep) that holds pages in a field of its own.
 */
void note_embedded_frees(struct parse_ctx *ctx, CXCursor at, CXType freed, const char *callee);

#endif
