/*
 * unchecked-result: the acquire's return value is dropped, so a partial success cannot be
 * released right.
 */
#include <string.h>
#include "checks.h"

void check_unchecked_result(struct plan *p, long i)
{
	const struct call_fact *a = call_at(p, site_at(p, i)->at);

	if (p->impl[site_at(p, i)->at.file])
		return;	/* the GUP implementation releases by its callers' flags */
	/* With no pages array the call only faults pages in: there is nothing to release. */
	/* One page into a pointer set to NULL before: the pointer says whether it was taken. */
	if (a->null_init && a->count && !strcmp(a->count, "1"))
		return;
	if (a->result && !strcmp(a->result, "ignored") && a->pages_to && strcmp(a->pages_to, "null"))
		plan_report(p, site_at(p, i)->at, i, CHECK_unchecked_result,
			    "the return value of %s() is ignored: when it takes fewer pages than"
			    " asked, which ones to release is unknown", a->api->name);
}
