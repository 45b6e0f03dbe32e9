/*
 * Fixture: names no release API, but calls ring_give_back(), a wrapper once put.c is read, and
 * meets acq.c through the field struct ring_buf.pages: read in ring 2's second round.
 * ring_drop_pages() then is a wrapper too.
 */
#include "gupring.h"

void ring_drop_pages(struct page **pages, int n)
{
	ring_give_back(pages, n);
}

void ring_reset(struct ring_buf *rb)
{
	ring_drop_pages(rb->pages, rb->n);
	rb->n = 0;
}

/*
 * check-name: ring 2 by a wrapper's name, second round (no site here)
 * check-plan-start
 * check-plan-end
 */
