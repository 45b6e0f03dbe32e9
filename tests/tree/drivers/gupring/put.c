/*
 * Fixture: a release wrapper; it names a release API (not a candidate's name) and meets acq.c
 * through struct ring_buf.pages: ring 2's first round reads it.
 */
#include <linux/mm.h>
#include "gupring.h"

void ring_give_back(struct page **pages, int n)
{
	release_pages(pages, n);
}

void ring_put(struct ring_buf *rb)
{
	ring_give_back(rb->pages, rb->n);
}

/*
 * check-name: a wrapper whose summary releases its parameter 0; no site here
 * check-plan-start
 * check-plan-end
 */
