/* foll-get: FOLL_GET at a pin_user_pages*() call, which refuses it (WARN_ON_ONCE, -EINVAL). */
#include <string.h>
#include "checks.h"

void check_foll_get(struct plan *p, long i)
{
	const struct call_fact *a = call_at(p, site_at(p, i)->at);

	if (a->api->kind == API_PIN && a->flags && strstr(a->flags, "FOLL_GET"))
		plan_report(p, site_at(p, i)->at, i, CHECK_foll_get,
			    "FOLL_GET passed to %s(): pin_user_pages*() refuses it (WARN, -EINVAL);"
			    " drop it", a->api->name);
}
