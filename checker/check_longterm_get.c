/* longterm-get: FOLL_LONGTERM on get_user_pages*() in a tree that has pin_user_pages*(). */
#include "checks.h"

void check_longterm_get(struct plan *p, long i)
{
	const struct call_fact *a = call_at(p, site_at(p, i)->at);

	if (dialect_pins(p->dialect) && a->api->kind == API_GET && call_has_longterm(a))
		plan_report(p, site_at(p, i)->at, i, CHECK_longterm_get,
			    "FOLL_LONGTERM with %s(): since v5.6 long-term references are pins,"
			    " taken by pin_user_pages*()", a->api->name);
}
