/*
 * double-release: a path from the acquire on which two release statements release its pages
 * (path_walk.c's PATH_DOUBLE), or a release followed by a call whose function summary
 * releases the same pages again (PATH_RELEASE_CALLEE, judged here with the summaries).
 */
#include <stdio.h>
#include <string.h>
#include "checks.h"

/* Does a function named name (the file's own first, else a non-static one) release arg k? */
static int callee_releases(const struct plan *p, size_t file, const char *name, int k)
{
	for (size_t s = 0; s < p->nsums; s++) {
		const struct summary *sum = &p->sums[s];
		const struct fn_fact *fn = &p->facts[sum->file].fns[sum->fn];

		if ((int)sum->param == k && !strcmp(fn->name, name) &&
		    (sum->file == file || !fn->is_static))
			return 1;
	}
	return 0;
}

void check_double_release(struct plan *p, long i)
{
	struct call_ref at = site_at(p, i)->at;
	const struct call_fact *a = call_at(p, at);
	const struct file_facts *ff = &p->facts[at.file];

	if (p->impl[at.file])
		return;
	for (size_t j = 0; j < ff->npaths; j++) {
		const struct path_fact *pf = &ff->paths[j];
		char name[128];
		int k;

		if (pf->line != a->line || pf->col != a->col)
			continue;
		if (pf->outcome == PATH_DOUBLE) {
			plan_report(p, at, i, CHECK_double_release,
				    "the pages %s() took are released twice on one path, at lines %s"
				    " (path: lines %s)", a->api->name, pf->detail, pf->lines);
			return;
		}
		if (pf->outcome == PATH_RELEASE_CALLEE && pf->detail &&
		    sscanf(pf->detail, "%127[^:]:%d", name, &k) == 2 &&
		    callee_releases(p, at.file, name, k)) {
			plan_report(p, at, i, CHECK_double_release,
				    "the pages %s() took are released, then passed at line %u to %s(),"
				    " which releases them again (path: lines %s)", a->api->name,
				    pf->exit_line, name, pf->lines);
			return;
		}
	}
}
