/* The checks: each is one file, check_NAME.c, with one function registered by one line in checks.c. */
#ifndef GUPCHECK_CHECKS_H
#define GUPCHECK_CHECKS_H

#include "flow.h"

/* A check looks at one acquire site of the plan and reports with plan_report(). */
typedef void check_fn(struct plan *p, long site);

check_fn check_wrong_release;
check_fn check_mixed_release;
check_fn check_unreleased;
check_fn check_unchecked_result;
check_fn check_longterm_missing;
check_fn check_longterm_get;
check_fn check_foll_pin;
check_fn check_foll_get;
check_fn check_write_literal;
check_fn check_longterm_api;
check_fn check_dirty_unlocked;
check_fn check_bio_unreleased;
check_fn check_bio_mixed_kinds;
check_fn check_bio_merge_leak;

/* The first release (or, with any, the count of releases) a bio completion performs on its bio: summaries of parameter 0. */
size_t endio_releases(const struct plan *p, struct call_ref fn, const struct call_ref **first);

/* Short forms the checks share. */
static inline struct site *site_at(struct plan *p, long i) { return &p->sites[i]; }
static inline const char *path_of(const struct plan *p, struct call_ref r) { return p->facts[r.file].path; }

#endif
