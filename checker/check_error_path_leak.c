/*
 * error-path-leak: a path from the acquire to an exit of its function on which pages it took
 * are still held (a partial or full success) and are neither released nor handed off
 * (path_walk.c's PATH_LEAK summaries).
 */
#include <string.h>
#include "checks.h"

void check_error_path_leak(struct plan *p, long i)
{
	const struct call_fact *a = call_at(p, site_at(p, i)->at);
	const struct file_facts *ff = &p->facts[site_at(p, i)->at.file];
	const struct path_fact *leak = NULL;
	unsigned exits = 0;
	int limit = 0;

	if (p->impl[site_at(p, i)->at.file])
		return;	/* the GUP implementation releases by its callers' flags */
	for (size_t j = 0; j < ff->npaths; j++) {
		const struct path_fact *pf = &ff->paths[j];

		if (pf->line != a->line || pf->col != a->col)
			continue;
		limit |= pf->outcome == PATH_LIMIT;
		if (pf->outcome != PATH_LEAK)
			continue;
		if (!leak)
			leak = pf;
		exits++;
	}
	if (!leak)
		return;
	plan_report(p, site_at(p, i)->at, i, CHECK_error_path_leak,
		    "pages %s() took are still held at the exit at line %u and neither released nor"
		    " handed off (path: lines %s%s%s)", a->api->name, leak->exit_line, leak->lines,
		    exits > 1 ? "; other exits leak too" : "",
		    limit ? "; path limit reached" : "");
}
