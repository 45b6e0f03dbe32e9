/* The flow model over a whole tree's facts: which releases each acquire's pages reach, and the plan built on it. */
#ifndef GUPCHECK_FLOW_H
#define GUPCHECK_FLOW_H

#include <stddef.h>
#include "facts.h"
#include "util.h"

/* A call in the facts: facts[file].calls[call]. */
struct call_ref {
	size_t file, call;
};

/* A release (or dirtying) reached from an acquire, and how: "" in the same function, else the path. */
struct reached {
	struct call_ref at;
	const char *via;	/* "" in the acquiring function, else "field struct S.F", "global X" or a function name */
	const char *teardown;	/* the release's function or a caller of it named for ending an object's life, or NULL */
};

/* A bio completion reached: the end_io function (fns index in facts[file]) and the assignment that set it. */
struct endio_hit {
	struct call_ref fn;	/* .call is an index into facts[.file].fns */
	struct call_ref assign;	/* .call is an index into facts[.file].flows */
};

/* Pages that are not GUP's (FLOW_ORIGIN: page cache, allocation, kernel, ZERO_PAGE) and the completions they reach. */
struct origin {
	struct call_ref at;	/* .call is an index into facts[.file].flows */
	struct endio_hit *endios;
	size_t nendios, endios_alloc;
};

/* A __gupcheck_where() probe and what the flow model believes there, in words. */
struct probe {
	struct call_ref at;	/* .call is an index into facts[.file].flows */
	char *belief;
};

/* What one acquire site's pages reach, and what the plan says about the site. */
struct site {
	struct call_ref at;
	struct reached *rel;	/* release calls (put, release, put-user, unpin, bio-release) */
	size_t nrel, rel_alloc;
	struct reached *dirty;	/* set_page_dirty*() and SetPageDirty() calls */
	size_t ndirty, dirty_alloc;
	const char *escape;	/* the first field or global the pages are stored in, or NULL */
	const char *unknown;	/* a function outside the facts the pages are passed to, or NULL */
	const char *data_use;	/* a function that reaches the pages' data, or NULL */
	int returned;		/* handed back to callers the facts do not show */
	int fills;		/* put into an sg table or bio */
	struct call_ref merge;	/* a bio merge whose same-page answer is dropped (file, flow index); .file -1 if none */
	struct endio_hit *endios;	/* the bio completions (bi_end_io functions) the pages reach */
	size_t nendios, endios_alloc;
	/* the plan */
	const char *verdict;	/* "ref", "pin", "longterm-pin", "unknown" */
	const char *rule;	/* "case 1" ... "case 5", "as written" */
	char *evidence;
};

struct finding {
	struct call_ref at;	/* where it is reported */
	long site;		/* index into plan.sites, or -1 */
	const char *check, *severity;
	char *message;
	char fingerprint[17];
};

/* A function summary: calling function fn with its page-typed parameter param can run release call. */
struct summary {
	size_t file, fn, param;
	struct call_ref release;
};

/*
 * The API dialect conversions are written in (GUP.md's table).  DIALECT_PIN_PUT_USER:
 * a v5.6+ tree that also has put_user_page*() as the release of pins (linux-6.1 with
 * kernel-patches/linux-6.1): acquire with pin_user_pages*(), release with put_user_page*().
 */
enum dialect { DIALECT_OLD, DIALECT_PUT_USER, DIALECT_PIN, DIALECT_PIN_PUT_USER };

struct plan {
	struct file_facts *facts;
	size_t nfiles;
	enum dialect dialect;
	int version, patchlevel;
	int has_extract;	/* the tree has iov_iter_extract_pages() */
	int has_put_user;	/* its mm.h has put_user_page*() */
	int bio_pinned;		/* its bios carry BIO_PAGE_PINNED (v6.5+, kernel-patches/linux-6.1) */
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
	char **dispatched;	/* [file][call]: a release chosen at run time by the pages' kind */
	char *impl;		/* [file]: the file implements a GUP-family acquire API */
};

/* Follow every acquire's pages through the facts; fills plan->sites (releases, escapes) and plan->sums. */
void flow_analyse(struct plan *plan);
/* Decide every site's verdict and target API (checker/plan.c). */
void plan_decide(struct plan *plan);
/* Run every registered check (checker/checks.c). */
void checks_run(struct plan *plan);
void plan_release(struct plan *plan);

/* The call at a reference. */
static inline struct call_fact *call_at(const struct plan *p, struct call_ref r)
{
	return &p->facts[r.file].calls[r.call];
}

/* Add a finding at call r; message is printf-style.  The fingerprint hashes file, function, check and the pages expression. */
void plan_report(struct plan *p, struct call_ref r, long site, const char *check,
		 const char *severity, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Does the call write FOLL_LONGTERM? */
int call_has_longterm(const struct call_fact *c);

/*
 * Targets, from a stored verdict: the acquire API a site should call in
 * dialect d; whether FOLL_LONGTERM must be added to it; what a release of its
 * pages should call.  Each returns api itself when the call should stay.
 */
const char *target_acquire(const char *api, const char *verdict, enum dialect d, int has_extract);
int target_longterm_add(const char *target, const char *verdict, int has_longterm, enum dialect d);
const char *target_release(const char *api, const char *acquire_target, enum dialect d);
/* "pin", "put_user_page", "foll_longterm": the --api names. */
const char *dialect_name(enum dialect d);
/* Do the dialect's acquires pin (pin_user_pages*())? */
int dialect_pins(enum dialect d);
/*
 * The dialect --api=API asks for in a tree of dialect tree_d ("auto": the tree's own).
 * put_user_page in a tree with pins needs put_user_page*() in its mm.h: -1 when missing.
 */
int dialect_for_api(const char *api, enum dialect tree_d, int has_put_user, enum dialect *out);

#endif
