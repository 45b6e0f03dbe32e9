/*
 * result-unsigned: an acquire's result stored in an unsigned variable, or compared with an
 * unsigned count before it is tested for < 0, so that a negative error reads as a count.
 */
#include "checks.h"

void check_result_unsigned(struct plan *p, long i)
{
	struct site *s = site_at(p, i);
	const struct call_fact *a = call_at(p, s->at);

	if (p->impl[s->at.file])
		return;	/* the GUP implementation itself */
	if (a->result_unsigned && !a->neg_line) {
		plan_report(p, s->at, i, CHECK_result_unsigned,
			    "the result of %s() is stored in %s, of unsigned type %s: a negative"
			    " error reads as a count of pages", a->api->name, a->result_to,
			    a->result_type);
		return;
	}
	if (a->ucmp && !a->ucmp_guarded)
		plan_report(p, s->at, i, CHECK_result_unsigned,
			    "the result of %s()%s%s is compared as unsigned at line %u (%s) before"
			    " any test for < 0: a negative error passes as a large count",
			    a->api->name, a->result_to ? ", in " : "",
			    a->result_to ? a->result_to : "", a->ucmp_line, a->ucmp);
}
