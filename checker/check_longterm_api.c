/* longterm-api: get_user_pages_longterm(), replaced by FOLL_LONGTERM in v5.2. */
#include "checks.h"

void check_longterm_api(struct plan *p, long i)
{
	const struct call_fact *a = call_at(p, site_at(p, i)->at);

	if (a->api->kind == API_LONGTERM)
		plan_report(p, site_at(p, i)->at, i, CHECK_longterm_api,
			    "get_user_pages_longterm() is gone since v5.2: pass FOLL_LONGTERM to %s",
			    dialect_pins(p->dialect) ? "pin_user_pages()" : "get_user_pages()");
}
