/* The registry of checks: adding one is a file of its own and one line here. */
#include <string.h>
#include "checks.h"

static const struct {
	const char *name;
	check_fn *fn;
} checks[] = {
	{ "wrong-release", check_wrong_release },
	{ "mixed-release", check_mixed_release },
	{ "unreleased", check_unreleased },
	{ "unchecked-result", check_unchecked_result },
	{ "longterm-missing", check_longterm_missing },
	{ "longterm-get", check_longterm_get },
	{ "foll-pin", check_foll_pin },
	{ "write-literal", check_write_literal },
	{ "longterm-api", check_longterm_api },
	{ "dirty-unlocked", check_dirty_unlocked },
};

void checks_run(struct plan *p)
{
	for (size_t k = 0; k < sizeof(checks) / sizeof(checks[0]); k++)
		for (long i = 0; i < (long)p->nsites; i++)
			checks[k].fn(p, i);
}
