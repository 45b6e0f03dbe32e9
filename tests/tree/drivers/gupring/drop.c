/*
 * Fixture: names no release API, but calls the wrapper ring_put_pages() and meets acq.c
 * through the field struct ring_buf.pages: read in ring 2's first round.  ring_drop_pages()
 * then is a wrapper too.
 */
#include "gupring.h"

void ring_drop_pages(struct page **pages, int n)
{
	ring_put_pages(pages, n);
}

void ring_reset(struct ring_buf *rb)
{
	ring_drop_pages(rb->pages, rb->n);
	rb->n = 0;
}

/*
 * check-name: ring 2 by a wrapper's name (no site here)
 * check-plan-start
 * check-plan-end
 */
