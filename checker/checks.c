/* The registry of checks, built from check_list.h, and the selections of --checks=/--no-checks=. */
#include <stdlib.h>
#include <string.h>
#include "checks.h"

static const struct {
	const char *name;
	enum severity severity;
	check_fn *fn;
	const char *summary, *help;
} checks[NR_CHECKS] = {
#define CHECK(id, name, severity, summary, help) \
	[CHECK_##id] = { name, severity, check_##id, summary, help },
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

const char *check_summary(enum check c)
{
	return checks[c].summary;
}

const char *check_help(enum check c)
{
	return checks[c].help;
}

int check_from_name(const char *name)
{
	for (int c = 0; c < NR_CHECKS; c++)
		if (!strcmp(checks[c].name, name))
			return c;
	return -1;
}

int check_set_has(const struct check_set *set, enum check c)
{
	return !set || !set->off[c];
}

/* Turn the checks named in the comma-separated list on or off; opt names the option in errors. */
static void check_set_list(struct check_set *set, const char *opt, const char *list, int on)
{
	while (*list) {
		size_t n = strcspn(list, ",");
		char *name = xstrndup(list, n);
		int c = check_from_name(name);

		if (n && c < 0)
			die("%s: unknown check '%s' (checker/check_list.h lists them)", opt, name);
		if (n)
			set->off[c] = !on;
		free(name);
		list += n + (list[n] == ',');
	}
}

int check_set_option(struct check_set *set, const char *arg)
{
	if (!strncmp(arg, "--checks=", 9)) {
		memset(set->off, 1, sizeof(set->off));
		check_set_list(set, arg, arg + 9, 1);
		return 1;
	}
	if (!strncmp(arg, "--no-checks=", 12)) {
		check_set_list(set, arg, arg + 12, 0);
		return 1;
	}
	return 0;
}

void checks_run(struct plan *p, const struct check_set *only)
{
	for (int k = 0; k < NR_CHECKS; k++) {
		if (!check_set_has(only, k))
			continue;
		/*
		 * A site its configuration does not compile (its file is not built, its branch is
		 * disabled) is checked by none: its verdict says "not compiled", and a census of
		 * several configurations checks it in the ones that compile it (config-disagreement
		 * says what they find).
		 */
		for (long i = 0; i < (long)p->nsites; i++)
			if (call_at(p, p->sites[i].at)->compiled || k == CHECK_config_disagreement)
				checks[k].fn(p, i);
	}
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
