/* The facts one source file yields: what the parser produces and db/ loads, nothing more. */
#ifndef GUPCHECK_FACTS_H
#define GUPCHECK_FACTS_H

#include <stdint.h>
#include "api.h"
#include "util.h"

/* PARSE_OTHER_ARCH: the file belongs to another ARCH's tree; only its lexical census is taken. */
enum parse_status { PARSE_OK, PARSE_ERRORS, PARSE_FAILED, PARSE_OTHER_ARCH };

struct fn_fact {
	char *name;
	unsigned line, end_line;
	int is_static;
	/* the lines of the body's return, goto and break statements, in source order */
	unsigned *exits;
	size_t nexits, exits_alloc;
};

/*
 * One call to a GUP-family function, as written in the file.  seen_by says who
 * saw it: "clang" (parsed, all columns filled) or "lex" (only the lexical census
 * saw it; not_compiled then says why the compiler did not).
 */
struct call_fact {
	const struct gup_api *api;
	unsigned line, col;
	char *function;		/* enclosing function, or NULL at file scope */
	char *pages, *count, *flags;	/* argument texts, NULL when absent */
	int64_t flags_value;	/* constant value of flags, or -1 */
	char *flags_names;	/* flags_value as FOLL_* names, or NULL */
	char *pages_to;		/* where the pages argument lives: "local:x", "field:struct s.f", ... */
	const char *seen_by;	/* "clang" or "lex" */
	int compiled;		/* 0 when in a preprocessor-disabled branch */
	char *note;		/* why a lexical-only site was not compiled, or NULL */
	const char *result;	/* "ignored" when the return value is dropped, "used", or NULL (lex) */
	const char *flags_form;	/* "names" (FOLL_* or 0), "literal", "bool", "expr"; NULL when no flags */
	int longterm;		/* FOLL_LONGTERM written at the call or into its flags variable */
	int null_init;		/* pages is "&v", a local declared "= NULL" (or 0) */
	char *flags_param;	/* the declared name of the flags parameter ("gup_flags", "write"), or NULL */
	char *cond;		/* the condition of the innermost if branch around the call, or NULL */
	char *arms;		/* every if branch around the call: parse_cond.c's branch_arms() */
	/*
	 * parse_result.c, an acquire's result: the variable or member it is first stored in, as
	 * written, and that type's canonical spelling (NULL when not stored); whether that type
	 * is unsigned; the first relational comparison (its text and line) that converts the
	 * result to an unsigned type, and whether a failure test (< 0, <= 0, IS_ERR_VALUE())
	 * comes before it; the line of the first failure test of the result, or 0
	 */
	char *result_to, *result_type;
	int result_unsigned;
	char *ucmp;
	unsigned ucmp_line;
	int ucmp_guarded;
	unsigned neg_line;
	/* FOLL_WRITE written at the call, in its flags variable's values, or a true write flag */
	int write;
	/* a release's dirtying argument (kernel.def DIRTY_ARG) as written, or NULL */
	char *dirty_arg;
	/*
	 * parse_call.c, an acquire's user address: the variable it is passed in (the declared
	 * parameter "start"), when a plain variable; the first later call of the function, other
	 * than a GUP-family one or a kernel.def ADDR_ONLY one, that receives it, and its line
	 */
	char *addr, *addr_use;
	unsigned addr_use_line;
	/*
	 * an acquire's function maps for DMA only towards the device (a kernel.def DMA_TO_WORD
	 * such as DMA_TO_DEVICE written, no DMA_WRITE_WORD): the device reads the pages
	 */
	int dma_to_device;
};

/*
 * How pages move inside one function, between abstract locations written as in
 * call_fact.pages_to ("local:x", "param:x", "field:struct s.f", "call:f", ...).
 * The kinds are stored by number: never renumber them.
 */
enum flow_kind {
	FLOW_PARAM = 0,		/* dst is page-typed parameter number argno */
	FLOW_ASSIGN = 1,	/* dst = src; a container fill (sg_set_page, bio_add_page) names callee */
	FLOW_PASS = 2,		/* src is argument number argno of a call to callee */
	FLOW_RETURN = 3,	/* the function returns src */
	FLOW_CALL = 4,		/* the function calls callee directly (the call graph; once per callee) */
	FLOW_FREE = 5,		/* the function frees an object of type dst ("struct s") with callee */
	FLOW_ENDIO = 6,		/* src's bio gets completion callee: "bio->bi_end_io = callee" (dst: the field) */
	FLOW_FLAG = 7,		/* callee (bio_set_flag, bio_clear_flag, bio_flagged) with flag dst on src's bio */
	/* dst receives pages that are not GUP's: src is "pagecache:F", "alloc:F", "kernel:F" or "zero" */
	FLOW_ORIGIN = 8,
	/* the function (or, with function "", a file-scope initializer) takes callee's address */
	FLOW_CALLBACK = 9,
	/*
	 * src's page may merge into a bio segment through callee, whose same-page result dst is
	 * never read
	 */
	FLOW_MERGE = 10,
	/* __gupcheck_where(src) in a fixture: print what the flow model believes about src */
	FLOW_PROBE = 11,
	/* member dst ("struct s.m", a function pointer) is given function callee: an ops table */
	FLOW_OPS_SET = 12,
	/*
	 * a call through member dst ("struct s.m"), written callee ("(*m)"): with argno -1 once
	 * per call (the call graph), else src is its page-typed argument number argno
	 */
	FLOW_OPS_CALL = 13,
	/* dst, a number (a pfn, a physical address), is page src's: "pfn = page_to_pfn(page)" */
	FLOW_CONVERT = 14,
	/* src, a page number, is argument argno of a call to callee: "put_pfn(pfn)" */
	FLOW_NUMBER = 15,
	/*
	 * argument argno of a call to callee, a function outside the GUP family, is given to a
	 * flags or truth parameter: src is its text, dst "true"/"false" (a truth constant), its
	 * FOLL_* names ('|'-joined) or NULL when unknown
	 */
	FLOW_FLAGS = 18,
	/*
	 * the flags argument argno of the call to callee (a GUP-family API or not) comes from
	 * the enclosing function's parameter src, number N: dst "flags:N" (its flags are passed
	 * on) or "truth:N" (a truth value that selects FOLL_WRITE)
	 */
	FLOW_FLAG_PARAM = 19,
	/*
	 * dst = src, both page numbers: "pfn = *pfn_base", "cmd->ptrs[i] = xaddr" (xaddr converted
	 * from a page), "pfn = gfn_to_pfn(...)" (src "call:F"); a field dst keeps numbers, not pages
	 */
	FLOW_NUMBER_COPY = 20,
};

struct flow_fact {
	enum flow_kind kind;
	unsigned line, col;
	char *function;
	char *dst, *src, *callee;	/* NULL when the kind has none */
	int argno;
	/*
	 * FLOW_ASSIGN and FLOW_ORIGIN: every if branch around the fact, as branch_arms() writes
	 * them, or NULL (other kinds, or in no branch); FLOW_CALL: those around every call of
	 * callee in the function when they are the same, else NULL
	 */
	char *arms;
};

/*
 * What an if statement's condition tests, decided from its form at parse time: a kind test
 * can pick a release by the pages' kind, a result test cannot.  Stored by number.
 */
enum cond_class {
	COND_OTHER = 0,		/* anything else: another call, a constant */
	/*
	 * the result or count of a call: a relational or equality comparison ("ret < 0", "got !=
	 * n"), an integer local or its negation ("err", "!ret"), a RESULT_TEST call
	 * (IS_ERR())
	 */
	COND_RESULT = 1,
	/*
	 * the pages' or object's kind: a bitwise "&" ("flags & FOLL_PIN"), a KIND_TEST call
	 * (bio_flagged(), test_bit(), is_vmalloc_addr()), a member ("STbp->do_dio"), a parameter,
	 * a bool or pointer variable ("if (buf)"); "&&" and "||" of kind tests only
	 */
	COND_KIND = 2,
};
/* The name of a cond_class ("other", "result", "kind"): parse_cond.c. */
const char *cond_class_name(enum cond_class c);

/* An if statement that some fact's arms name (branch_arms()'s IF is its offset at). */
struct if_fact {
	unsigned at, line;
	enum cond_class cls;
	char *cond;		/* the condition's text, as written */
};

/* A page pointer or page array stored into a struct field. */
struct store_fact {
	unsigned line, col;
	char *function;
	char *struct_name, *field, *value;
};

/*
 * What the paths from one acquire (line, col) to the function's exits end in (path_walk.c),
 * one row per distinct (outcome, exit line, lines).  The outcomes are stored by number.
 */
enum path_outcome {
	PATH_TOTAL = 0,		/* npaths: how many paths were walked (the exit line is 0) */
	PATH_LIMIT = 1,		/* the walk stopped at PATH_CAP paths */
	PATH_LEAK = 2,		/* pages held at the exit, neither released nor handed off */
	PATH_DOUBLE = 3,	/* two release statements of the pages (detail: their lines) */
	PATH_COUNT_REQUESTED = 4, /* a release of the requested count after a partial success */
	PATH_COUNT_NEGATIVE = 5, /* a release whose count is the result when it may be negative */
	PATH_RELEASE_CALLEE = 6, /* a release, then the pages passed to callee detail (name:argno) */
	NR_PATH_OUTCOMES
};

struct path_fact {
	unsigned line, col;	/* the acquire */
	enum path_outcome outcome;
	unsigned exit_line;	/* the exit (PATH_COUNT_*: the release's line) */
	unsigned npaths;	/* paths that share it */
	char *lines;		/* the first such path as line numbers, "12,14,20" */
	char *detail;		/* the count text, the release lines, or NULL */
};

struct file_facts {
	char *path;		/* relative to the tree */
	char hash[17];
	enum parse_status status;
	unsigned ndiag;		/* errors reported by clang */
	int built;		/* kbuild builds it in this configuration: 1, 0, or -1 unknown */
	char *first_diag;	/* first error, "line:col: message", or NULL */
	const char *flags_from;	/* "compile_commands", "kbuild", "degraded" */
	struct fn_fact *fns;
	size_t nfns, fns_alloc;
	struct call_fact *calls;
	size_t ncalls, calls_alloc;
	struct store_fact *stores;
	size_t nstores, stores_alloc;
	struct flow_fact *flows;
	size_t nflows, flows_alloc;
	struct if_fact *ifs;	/* the if statements the arms of calls and flows name, by offset */
	size_t nifs, ifs_alloc;
	struct path_fact *paths;
	size_t npaths, paths_alloc;
	int ring;		/* 1: names a GUP-family function; 2: a neighbour read for its releases */
	/* the configuration parsed in (kernel_tree.config; not owned, not in the blob), or NULL */
	const char *config;
	int mmu_notifier;	/* the file registers MMU notifiers or uses HMM (GUP.md case 3) */
	/*
	 * The headers the parse read (-include files too), each once, relative to the tree when
	 * inside it, else absolute; empty when libclang did not parse.  Part of the cache key, not
	 * of the facts (facts_encode() leaves it out, as it does ring).
	 */
	struct strvec includes;
	char *key;		/* the facts cache key of this parse (facts_key()), or NULL */
};

void file_facts_release(struct file_facts *ff);

/*
 * facts_io.c: the facts cache's blob of one file.  FACTS_FORMAT is written into every blob;
 * bump it on any change of struct file_facts or of the blob, so that old entries are parsed
 * again rather than misread.
 */
#define FACTS_FORMAT 25
struct strbuf;
/*
 * Append ff (every field but ring and includes) to out as a blob.  -1 when a field of a
 * closed set (seen_by, result, flags_form, flags_from) holds a value facts_io.c's tables do
 * not list: such facts are not cached (out then holds a partial blob to drop).
 */
int facts_encode(const struct file_facts *ff, struct strbuf *out);
/*
 * Fill ff, which the caller zeroes, from a blob of facts_encode(): the strings of closed sets
 * and api point to their static values again.  0, and the caller releases ff with
 * file_facts_release(); -1 for a malformed blob or another FACTS_FORMAT, ff left zeroed.
 * ring is left 0 and includes empty: the caller sets them.
 */
int facts_decode(const void *blob, size_t len, struct file_facts *ff);
/*
 * The key (16 hex digits, malloc'ed) of what rel's facts depend on besides its content and the
 * headers it reads: this gupcheck's executable (any rebuild that changes it invalidates the
 * cache), FACTS_FORMAT, the schema, the tree's ARCH, target and FOLL_* values, the clang
 * arguments args and flags_from, the Makefiles' built value and other_arch (tree_other_arch()'s
 * text or NULL).  NULL when gupcheck cannot read its own executable: nothing is then cached.
 */
struct kernel_tree;
/*
 * The identity of this gupcheck (16 hex digits, static): the hash of its executable,
 * GUPCHECK_VERSION, FACTS_FORMAT, the schema and libclang's version; NULL when gupcheck cannot
 * read its own executable.  Thread-safe.
 */
const char *facts_tool(void);
char *facts_key(const struct kernel_tree *t, const char *rel, const struct strvec *args,
		const char *flags_from, int built, const char *other_arch);

#endif
