/* The plan of a tree: its acquire sites, what their pages reach, their verdicts, the findings. */
#ifndef GUPCHECK_PLAN_H
#define GUPCHECK_PLAN_H

#include <stddef.h>
#include "facts.h"
#include "util.h"

/*
 * Closed sets, each with one name table: the names are what the database stores and the
 * reports print.  *_name() of a valid value never returns NULL; *_from_name() returns the
 * value, or -1 for a name that is not in the table.
 */

/* What a site's pages should be held by (GUP.md). */
enum verdict { VERDICT_REF, VERDICT_PIN, VERDICT_LONGTERM_PIN, VERDICT_UNKNOWN, NR_VERDICTS };
const char *verdict_name(enum verdict v);
int verdict_from_name(const char *name);

/* Which rule decided the verdict: GUP.md's cases 1-5, or why none applies. */
enum rule {
	RULE_CASE_1, RULE_CASE_2, RULE_CASE_3, RULE_CASE_4, RULE_CASE_5,
	RULE_AS_WRITTEN,	/* the call says it (FOLL_LONGTERM, pin_user_pages*(), ...) */
	RULE_IMPLEMENTATION,	/* the file implements GUP-family functions */
	RULE_NOT_COMPILED,	/* the configuration does not compile the call */
	RULE_RETURNED,		/* the pages go to callers outside the files read */
	NR_RULES
};
const char *rule_name(enum rule r);
int rule_from_name(const char *name);

enum severity { SEV_ERROR, SEV_WARNING, NR_SEVERITIES };
const char *severity_name(enum severity s);

/* The checks, from checker/check_list.h: CHECK_wrong_release, ... */
enum check {
#define CHECK(id, name, severity, summary, help) CHECK_##id,
#include "check_list.h"
#undef CHECK
	NR_CHECKS
};
/*
 * The registry's name and severity of a check (checker/checks.c), and what it finds: a
 * one-line summary and a paragraph on why it matters and how to fix it (check_list.h).
 */
const char *check_name(enum check c);
enum severity check_severity(enum check c);
const char *check_summary(enum check c);
const char *check_help(enum check c);
int check_from_name(const char *name);

/*
 * A selection of checks; zero-initialised it holds every check.  check_set_option() applies
 * one command-line option to it: "--checks=a,b" keeps only a and b, "--no-checks=a,b" drops
 * them, in the order given.  Returns 1 when arg is one of the two, 0 when it is something
 * else; an unknown check name dies (exit 2) naming it.
 */
struct check_set {
	unsigned char off[NR_CHECKS];
};
int check_set_option(struct check_set *set, const char *arg);
/* Does the selection hold c?  A NULL set holds every check. */
int check_set_has(const struct check_set *set, enum check c);

/*
 * The API dialect conversions are written in (GUP.md's table).  DIALECT_PIN_PUT_USER:
 * a v5.6+ tree that also has put_user_page*() as the release of pins (linux-6.1 with
 * kernel-patches/linux-6.1): acquire with pin_user_pages*(), release with put_user_page*().
 */
enum dialect { DIALECT_OLD, DIALECT_PUT_USER, DIALECT_PIN, DIALECT_PIN_PUT_USER, NR_DIALECTS };
/* "foll_longterm", "put_user_page", "pin", "pin+put_user_page": the names in meta and reports. */
const char *dialect_name(enum dialect d);
int dialect_from_name(const char *name);

/* A call in the facts: facts[file].calls[call]. */
struct call_ref {
	size_t file, call;
};

/* A release (or dirtying) reached from an acquire, and how. */
struct reached {
	struct call_ref at;
	/* "" in the acquiring function, else "field struct S.F", "global X" or a function name */
	const char *via;
	/* the release's function or a caller of it named for ending an object's life, or NULL */
	const char *teardown;
	/*
	 * Set by flow_origin.c: the walk reached it through its own object (no field or global
	 * crossed, or the release's function is tied to the walk's home by calls)
	 */
	int own;
	/*
	 * The caller-side location (graph node) the walk left when it first went down into a
	 * callee before reaching it, or -1 when it reached it without going down (or down only
	 * through a field or global): two walks that went down into one helper from different
	 * locations hold two objects in the helper's locals (flow_walk.c)
	 */
	int entry;
};

/* A bio completion reached: the end_io function and the assignment that set it. */
struct endio_hit {
	struct call_ref fn;	/* .call is an index into facts[.file].fns */
	struct call_ref assign;	/* .call is an index into facts[.file].flows */
};

/*
 * Pages that are not GUP's (FLOW_ORIGIN: page cache, allocation, kernel, ZERO_PAGE) and the
 * completions they reach.
 */
struct origin {
	struct call_ref at;	/* .call is an index into facts[.file].flows */
	struct endio_hit *endios;
	size_t nendios, endios_alloc;
	struct reached *rel;	/* the releases its pages reach (mixed-origin) */
	size_t nrel;
};

/* A __gupcheck_where() probe and what the flow model believes there, in words. */
struct probe {
	struct call_ref at;	/* .call is an index into facts[.file].flows */
	char *belief;
};

#define SITE_PATHS_MAX 64
/*
 * One call of a helper whose acquire's pages go back to its callers (its return value, or a
 * parameter: the caller's object or out-parameter), judged on its own (flow_callers.c): the
 * walk from the caller's side of the call only, decided with plan.c's rules.
 */
struct site_caller {
	struct call_ref at;	/* .call indexes facts[.file].flows: the call's pass or assignment */
	enum verdict verdict;
	enum rule rule;
	char *evidence;		/* owned */
	struct call_ref *dirty;	/* the dirtyings this caller's walk reaches (owned) */
	size_t ndirty;
	int keeps;		/* a release in a teardown: this caller keeps the pages long-term */
	int passes_longterm;	/* the call passes FOLL_LONGTERM to the helper's flags */
};

/* What one acquire site's pages reach, and what the plan says about the site. */
struct site {
	struct call_ref at;
	struct reached *rel;	/* release calls (put, release, put-user, unpin, bio-release) */
	size_t nrel, rel_alloc;
	/*
	 * Every (release, via) path with a teardown the walks found (walk_site()), the first
	 * path of a release in rel included, at most SITE_PATHS_MAX: the long-term test
	 */
	struct reached *paths;
	size_t npaths, paths_alloc;
	struct reached *dirty;	/* set_page_dirty*() and SetPageDirty() calls */
	size_t ndirty, dirty_alloc;
	const char *escape;	/* the first field or global the pages are stored in, or NULL */
	int escape_numbers;	/* what escape holds is the pages' numbers (pfns, addresses) */
	int escape_via_number;	/* ... the pages, found again from their numbers (pfn_to_page()) */
	const char *unknown;	/* a function outside the facts the pages go to, or NULL */
	const char *unknown_call;	/* ... when it is a function, not a page-to-number conversion */
	/* the first callee seen that only looks at struct page (kernel.def INSPECT), or NULL */
	const char *inspected;
	const char *fills_into;	/* the field or global container the pages are filled into */
	const char *data_use;	/* a function that reaches the pages' data, or NULL */
	const char *maps;	/* ... their bytes: a mapping or copy (kernel.def MAPS_DATA), or NULL */
	int returned;		/* handed back to callers the facts do not show */
	int fills;		/* put into an sg table or bio */
	/* a bio merge whose same-page answer is dropped (file, flow index); .file -1 if none */
	struct call_ref merge;
	struct endio_hit *endios;	/* the bi_end_io functions the pages reach */
	size_t nendios, endios_alloc;
	/*
	 * A wrapper acquire API's site whose flags come from a parameter (flow_wrap.c): the flags
	 * its callers pass, in words ("FOLL_WRITE at f.c:12 (fn), ..."); the first call that keeps
	 * the pages long-term without FOLL_LONGTERM, in words; every call passes FOLL_LONGTERM;
	 * the calls that keep the pages all pass it, so none needs adding.  NULL and 0 else.
	 */
	char *carried, *carried_missing;
	int carried_all_longterm, longterm_by_callers;
	/* a pseudo-site judging one caller of a helper (flow_callers.c): that caller's file */
	int from_caller;
	size_t caller_file;
	/*
	 * A helper's calls, each judged on its own (flow_callers.c), sorted by file and line;
	 * callers_out says why not every caller is in view (address taken, ...), NULL when all
	 * are.  Owned; flow_callers_release() frees them.
	 */
	struct site_caller *callers;
	size_t ncallers;
	char *callers_out;
	/* the plan */
	enum verdict verdict;
	enum rule rule;
	char *evidence;
};

/* A finding of a check; its severity is the check's. */
struct finding {
	struct call_ref at;	/* where it is reported */
	long site;		/* index into plan.sites, or -1 */
	enum check check;
	char *message;
	char fingerprint[17];
};

/* A function summary: fn, called with pages in its parameter param, can run release call. */
struct summary {
	size_t file, fn, param;
	struct call_ref release;
};

struct census;
struct plan {
	struct file_facts *facts;
	size_t nfiles;
	enum dialect dialect;
	int version, patchlevel;
	int has_extract;	/* the tree has iov_iter_extract_pages() */
	int has_put_user;	/* its mm.h has put_user_page*() */
	int bio_pinned;		/* its bios carry BIO_PAGE_PINNED (v6.5+, or patched) */
	/*
	 * its mm/gup.c takes no pin on the zero page ("mm: Don't pin ZERO_PAGE in
	 * pin_user_pages()", v6.5, backported to 6.1.y): its grab path tests is_zero_page()
	 */
	int pin_skips_zero;
	struct site *sites;
	size_t nsites;
	struct finding *findings;
	size_t nfindings, findings_alloc;
	struct summary *sums;
	size_t nsums, sums_alloc;
	struct strvec pool;	/* strings the sites point into */
	struct origin *origins;
	size_t norigins;
	struct probe *probes;
	size_t nprobes;
	char **dispatched;	/* [file][call]: a release picked at run time by page kind */
	/*
	 * [file][call]: the condition that picks a dispatched release (an if's text, pointing into
	 * the facts, or a static string), NULL for the others
	 */
	const char ***dispatch_cond;
	char *impl;		/* [file]: the file implements a GUP-family acquire API */
	int per_caller;		/* flow_analyse() judges each call of a helper (flow_callers.c) */
	/* several configurations' word on each site (scan --build: census.h), or NULL */
	const struct census *census;
};

/* Decide every site's verdict and target API (checker/plan.c). */
void plan_decide(struct plan *plan);
/*
 * Decide one site, or a caller's pseudo-site (flow_callers.c), by decide()'s rules: sets its
 * verdict, rule and evidence (malloc'ed; the caller frees it), without the carried flags text.
 */
void plan_decide_site(const struct plan *plan, struct site *s);
/*
 * After plan_decide(): a helper site's verdict is the strongest need among its callers, and
 * its evidence names the callers that keep the pages (flow_callers.c).
 */
void flow_callers_combine(struct plan *plan);
/*
 * Is the dirtying d of site s the site's own: reached by every caller's walk, or by none
 * (the helper's only)?  One on some callers' paths only is theirs (their site_caller.dirty).
 */
int site_dirty_own(const struct site *s, struct call_ref d);
/* Free the sites' per-caller verdicts (before plan_release()). */
void flow_callers_release(struct plan *plan);
/* Run the checks of the selection (NULL: all) on every site (checker/checks.c). */
void checks_run(struct plan *plan, const struct check_set *only);
void plan_release(struct plan *plan);

/* The call at a reference. */
static inline struct call_fact *call_at(const struct plan *p, struct call_ref r)
{
	return &p->facts[r.file].calls[r.call];
}

/*
 * Add a finding of check at call r; message is printf-style.  The fingerprint hashes file,
 * function, check name and the pages expression.
 */
void plan_report(struct plan *p, struct call_ref r, long site, enum check check,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Does the call write FOLL_LONGTERM? */
int call_has_longterm(const struct call_fact *c);

/*
 * Targets, from a stored verdict: the acquire API a site should call in dialect d; whether
 * FOLL_LONGTERM must be added to it.  Each returns api itself when the call should stay.
 */
const char *verdict_acquire_target(enum verdict v, const char *api, enum dialect d,
				   int has_extract);
int verdict_longterm_add(enum verdict v, const char *target, int has_longterm, enum dialect d);
/*
 * The reference form of a put_user_page*() (v5.2-v5.5): the put_page() or release_pages()
 * whose put_user target it is, or NULL when it has none (put_user_pages_dirty_lock()).
 */
const char *old_release_ref_form(const char *api);
/* What a release of a site's pages should call, given the site's target acquire_target. */
const char *target_release(const char *api, const char *acquire_target, enum dialect d);

/* Do the dialect's acquires pin (pin_user_pages*())? */
int dialect_pins(enum dialect d);
/*
 * The dialect --api=API asks for in a tree of dialect tree_d ("auto": the tree's own).
 * put_user_page in a tree with pins needs put_user_page*() in its mm.h: -1 when missing.
 */
int dialect_for_api(const char *api, enum dialect tree_d, int has_put_user, enum dialect *out);
/*
 * The dialect of a scanned tree (database db, named what in errors) that --api=api asks for;
 * -1 after printing an error when the tree lacks that API (checker/dialect.c).
 */
struct facts_db;
int api_dialect(struct facts_db *db, const char *what, const char *api, enum dialect *d);
/*
 * Does the tree api_dialect() read release pins with put_user_page*() (it pins, and its mm.h
 * has put_user_page(): kernel-patches/linux-6.1)?  Else a put_user_page*() is the v5.2-v5.5
 * name, which the pin dialect renames.
 */
int dialect_put_user_releases_pins(void);

/* The index of name in names[0..n), or -1. */
int name_lookup(const char *const *names, size_t n, const char *name);

#endif
