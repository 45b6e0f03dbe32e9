/*
 * guarded-release: a release of an acquire's pages skipped by a page test (PageReserved, the
 * zero page: kernel.def's PAGE_TEST rows) that the pages GUP returns can pass, so they leak.
 */
#include <stdlib.h>
#include <string.h>
#include "checks.h"
#include "kernel.h"

/* The page tests of a condition, by what they skip. */
enum guard { GUARD_NONE = 0, GUARD_SKIPS_ZERO = 1, GUARD_SKIPS_RESERVED = 2, GUARD_ON_ZERO = 4 };

static int ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/*
 * Is the test at cond[at] negated: an odd number of '!' before it (over '(', blanks and
 * likely/unlikely), or a "!=" comparison written in front of it (page != ZERO_PAGE(0))?
 */
static int negated(const char *cond, size_t at)
{
	int nots = 0;

	while (at > 0) {
		char c = cond[at - 1];

		if (c == '!')
			nots++;
		else if (c == '=' && at > 1 && cond[at - 2] == '!')
			return 1;
		else if (c != '(' && c != ' ' && c != '=')
			break;
		at--;
		if (at >= 8 && !strncmp(cond + at - 8, "unlikely", 8))
			at -= 8;
		else if (at >= 6 && !strncmp(cond + at - 6, "likely", 6))
			at -= 6;
	}
	return nots & 1;
}

/* What the page tests of cond (an if branch's condition, NULL: none) do to the release. */
static unsigned guards(const char *cond)
{
	unsigned g = GUARD_NONE;

	for (size_t i = 0; cond && cond[i]; i++) {
		size_t n = 0;
		char *name;

		if (!ident_char(cond[i]) || (i && ident_char(cond[i - 1])))
			continue;
		while (ident_char(cond[i + n]))
			n++;
		name = xstrndup(cond + i, n);
		if (kernel_has(name, ROLE_PAGE_TEST_ZERO))
			g |= negated(cond, i) ? GUARD_SKIPS_ZERO : GUARD_ON_ZERO;
		else if (kernel_has(name, ROLE_PAGE_TEST_RESERVED) && negated(cond, i))
			g |= GUARD_SKIPS_RESERVED;
		free(name);
		i += n - 1;
	}
	return g;
}

void check_guarded_release(struct plan *p, long i)
{
	struct site *s = site_at(p, i);
	const struct call_fact *a = call_at(p, s->at);
	int pins = a->api->kind == API_PIN || a->api->kind == API_ITER_EXTRACT;
	unsigned all = 0;

	if (p->impl[s->at.file])
		return;	/* the GUP implementation releases by its callers' flags */
	for (size_t r = 0; r < s->nrel; r++)
		all |= guards(call_at(p, s->rel[r].at)->cond);
	/* The zero page is released where it is tested for ("vfio/type1: Unpin zero pages"). */
	if (all & GUARD_ON_ZERO)
		return;
	/* The tree's pins skip the zero page, and its unpin ignores it. */
	if (pins && p->pin_skips_zero)
		return;
	for (size_t r = 0; r < s->nrel; r++) {
		const struct call_fact *c = call_at(p, s->rel[r].at);
		unsigned g = guards(c->cond);

		if (!(g & (GUARD_SKIPS_ZERO | GUARD_SKIPS_RESERVED)))
			continue;
		plan_report(p, s->rel[r].at, i, CHECK_guarded_release,
			    "%s() is skipped by '%s' for pages from %s() at %s:%u, which takes %s"
			    " on %s pages too: they leak", c->api->name, c->cond, a->api->name,
			    path_of(p, s->at), a->line, pins ? "a pin" : "a reference",
			    g & GUARD_SKIPS_ZERO ? "zero" : "reserved (the zero page among them)");
	}
}
