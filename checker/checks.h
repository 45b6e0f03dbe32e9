/* The checks: each is one file, check_NAME.c, and one line in check_list.h. */
#ifndef GUPCHECK_CHECKS_H
#define GUPCHECK_CHECKS_H

#include "plan.h"

/* A check looks at one acquire site of the plan and reports with plan_report(). */
typedef void check_fn(struct plan *p, long site);

#define CHECK(id, name, severity, summary, help) check_fn check_##id;
#include "check_list.h"
#undef CHECK

/*
 * The first release (or, with any, the count of releases) a bio completion performs on its
 * bio: the summaries of its parameter 0.
 */
size_t endio_releases(const struct plan *p, struct call_ref fn, const struct call_ref **first);

/* Short forms the checks share. */
static inline struct site *site_at(struct plan *p, long i) { return &p->sites[i]; }
static inline const char *path_of(const struct plan *p, struct call_ref r)
{
	return p->facts[r.file].path;
}

#endif
