/* write-literal: a number or truth value where gup_flags (FOLL_WRITE) is meant, seed 001's bug. */
#include <string.h>
#include "checks.h"

void check_write_literal(struct plan *p, long i)
{
	const struct call_fact *a = call_at(p, site_at(p, i)->at);

	/*
	 * Where the declaration calls the parameter "int write" (get_user_pages_fast()
	 * before v5.2, __get_user_pages_fast() until v5.10), a truth value is right.
	 * Without a declaration, trees before v5.2 get the benefit of the doubt.
	 */
	if (!a->flags_form || (a->flags_param && strcmp(a->flags_param, "gup_flags")) ||
	    (!a->flags_param && p->version * 100 + p->patchlevel < 502))
		return;
	if (a->api->kind != API_GET && a->api->kind != API_PIN && a->api->kind != API_LONGTERM)
		return;
	if (!strcmp(a->flags_form, "literal") || !strcmp(a->flags_form, "bool"))
		plan_report(p, site_at(p, i)->at, i, CHECK_write_literal,
			    "gup_flags of %s() given as %s \"%s\": write FOLL_WRITE or 0", a->api->name,
			    !strcmp(a->flags_form, "bool") ? "a truth value" : "a number", a->flags);
}
