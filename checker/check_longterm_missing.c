/* longterm-missing: the plan says long-term pin, the call does not say FOLL_LONGTERM. */
#include "checks.h"

void check_longterm_missing(struct plan *p, long i)
{
	struct site *s = site_at(p, i);
	const struct call_fact *a = call_at(p, s->at);

	if (p->dialect == DIALECT_OLD || s->verdict != VERDICT_LONGTERM_PIN ||
	    call_has_longterm(a) || a->api->kind == API_LONGTERM)
		return;
	/*
	 * a wrapper's flags come from its callers: those that keep the pages must say it, as
	 * those of a helper judged per caller that pass FOLL_LONGTERM do (longterm_by_callers)
	 */
	if ((s->carried && !s->carried_missing) || s->longterm_by_callers)
		return;
	if (s->carried)
		plan_report(p, s->at, i, CHECK_longterm_missing,
			    "long-term pin without FOLL_LONGTERM: %s without it: %s",
			    s->carried_missing, s->evidence);
	else
		plan_report(p, s->at, i, CHECK_longterm_missing,
			    "long-term pin without FOLL_LONGTERM: %s", s->evidence);
}
