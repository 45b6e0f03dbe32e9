/* foll-pin: FOLL_PIN written at a call site: GUP's internal flag, which pin_user_pages*() sets. */
#include <string.h>
#include "checks.h"

void check_foll_pin(struct plan *p, long i)
{
	const struct call_fact *a = call_at(p, site_at(p, i)->at);

	if (a->flags && strstr(a->flags, "FOLL_PIN"))
		plan_report(p, site_at(p, i)->at, i, CHECK_foll_pin,
			    "FOLL_PIN passed to %s(): it is internal to GUP; call pin_user_pages*()"
			    " instead", a->api->name);
}
