/* The registry of checks, built from check_list.h. */
#include <string.h>
#include "checks.h"

static const struct {
	const char *name;
	enum severity severity;
	check_fn *fn;
} checks[NR_CHECKS] = {
#define CHECK(id, name, severity) [CHECK_##id] = { name, severity, check_##id },
#include "check_list.h"
#undef CHECK
};

const char *check_name(enum check c)
{
	return checks[c].name;
}

enum severity check_severity(enum check c)
{
	return checks[c].severity;
}

int check_from_name(const char *name)
{
	for (int c = 0; c < NR_CHECKS; c++)
		if (!strcmp(checks[c].name, name))
			return c;
	return -1;
}

void checks_run(struct plan *p)
{
	for (int k = 0; k < NR_CHECKS; k++)
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
