/*
 * error-path-leak: a path from the acquire to an exit of its function on which pages it took
 * are still held (a partial or full success) and are neither released nor handed off
 * (path_walk.c's PATH_LEAK summaries).
 */
#include <string.h>
#include "checks.h"

/* Does function fn of file f call both a and b (FLOW_CALL facts: the call graph)? */
static int calls_both(const struct file_facts *ff, const char *fn, const char *a, const char *b)
{
	int ca = 0, cb = 0;

	for (size_t k = 0; k < ff->nflows; k++) {
		const struct flow_fact *fl = &ff->flows[k];

		if (fl->kind != FLOW_CALL || !fl->function || !fl->callee || strcmp(fl->function, fn))
			continue;
		ca |= !strcmp(fl->callee, a);
		cb |= !strcmp(fl->callee, b);
	}
	return ca && cb;
}

/*
 * Does the site fill its caller's array (a parameter) that the caller empties with a release
 * of its own: a function that calls both the acquire's function and a function of one of the
 * site's releases?  Then what an exit leaves in the array is the caller's to release (v5.4
 * privcmd.c's lock_pages(), whose caller's unlock_pages() puts every entry); a completion the
 * pages reach by a bio is no such caller.
 */
static int caller_releases_array(const struct plan *p, const struct site *s,
				 const struct call_fact *a)
{
	const struct file_facts *ff = &p->facts[s->at.file];

	if (!a->pages_to || strncmp(a->pages_to, "param:", 6) || !a->function)
		return 0;
	for (size_t r = 0; r < s->nrel; r++) {
		const struct call_fact *rc = call_at(p, s->rel[r].at);

		if (!rc->function || !strcmp(rc->function, a->function))
			continue;
		for (size_t k = 0; k < ff->nflows; k++) {
			const struct flow_fact *fl = &ff->flows[k];

			if (fl->kind == FLOW_CALL && fl->function && fl->callee &&
			    !strcmp(fl->callee, a->function) &&
			    calls_both(ff, fl->function, a->function, rc->function))
				return 1;
		}
	}
	return 0;
}

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
	if (!leak || caller_releases_array(p, site_at(p, i), a))
		return;
	plan_report(p, site_at(p, i)->at, i, CHECK_error_path_leak,
		    "pages %s() took are still held at the exit at line %u and neither released nor"
		    " handed off (path: lines %s%s%s)", a->api->name, leak->exit_line, leak->lines,
		    exits > 1 ? "; other exits leak too" : "",
		    limit ? "; path limit reached" : "");
}
