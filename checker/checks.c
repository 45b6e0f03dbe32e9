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
	{ "foll-get", check_foll_get },
	{ "write-literal", check_write_literal },
	{ "longterm-api", check_longterm_api },
	{ "dirty-unlocked", check_dirty_unlocked },
	{ "bio-unreleased", check_bio_unreleased },
	{ "bio-mixed-kinds", check_bio_mixed_kinds },
	{ "bio-merge-leak", check_bio_merge_leak },
};

void checks_run(struct plan *p)
{
	for (size_t k = 0; k < sizeof(checks) / sizeof(checks[0]); k++)
		for (long i = 0; i < (long)p->nsites; i++)
			checks[k].fn(p, i);
}

size_t endio_releases(const struct plan *p, struct call_ref fn, const struct call_ref **first)
{
	size_t n = 0;

	*first = NULL;
	for (size_t i = 0; i < p->nsums; i++) {
		const struct summary *s = &p->sums[i];

		if (s->file != fn.file || s->fn != fn.call || s->param != 0)
			continue;
		if (!n++)
			*first = &s->release;
	}
	return n;
}
