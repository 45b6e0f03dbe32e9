/* Fixture: a release wrapper; it names a release API, so it is a candidate (ring 1). */
#include <linux/mm.h>
#include "gupring.h"

void ring_put_pages(struct page **pages, int n)
{
	release_pages(pages, n);
}

/*
 * check-name: a wrapper whose summary releases its parameter 0; no site here
 * check-plan-start
 * check-plan-end
 */
