/*
 * release-count: a release whose count covers entries the acquire did not fill: the requested
 * count on a path where the acquire may have taken fewer pages, or the acquire's result as a
 * count on a path where it may be negative (path_walk.c's PATH_COUNT_* summaries).
 */
#include <string.h>
#include "checks.h"

/* The release call at line in ff, as a call reference (the acquire's when none is found). */
static struct call_ref release_at(const struct plan *p, struct call_ref acq, unsigned line)
{
	const struct file_facts *ff = &p->facts[acq.file];

	for (size_t j = 0; j < ff->ncalls; j++)
		if (ff->calls[j].line == line && !api_is_acquire(ff->calls[j].api))
			return (struct call_ref){ acq.file, j };
	return acq;
}

void check_release_count(struct plan *p, long i)
{
	struct call_ref at = site_at(p, i)->at;
	const struct call_fact *a = call_at(p, at);
	const struct file_facts *ff = &p->facts[at.file];

	if (p->impl[at.file])
		return;
	for (size_t j = 0; j < ff->npaths; j++) {
		const struct path_fact *pf = &ff->paths[j];

		if (pf->line != a->line || pf->col != a->col)
			continue;
		if (pf->outcome == PATH_COUNT_REQUESTED)
			plan_report(p, release_at(p, at, pf->exit_line), i, CHECK_release_count,
				    "the release at line %u covers %s pages, the count asked of %s()"
				    " at line %u, on a path where it may have taken fewer (path:"
				    " lines %s)", pf->exit_line, pf->detail, a->api->name, a->line,
				    pf->lines);
		else if (pf->outcome == PATH_COUNT_NEGATIVE)
			plan_report(p, release_at(p, at, pf->exit_line), i, CHECK_release_count,
				    "the release at line %u takes %s, the result of %s() at line %u,"
				    " as its count on a path where it may be a negative error (path:"
				    " lines %s)", pf->exit_line, pf->detail, a->api->name, a->line,
				    pf->lines);
	}
}
