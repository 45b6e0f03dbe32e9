/*
 * Fixture: names neither a release API nor ring_give_back(); it calls ring_drop_pages(),
 * which is a wrapper only once drop.c is read: ring 2's third round reads it.  It frees the
 * struct that holds acq.c's pages and is named for a teardown, which makes acq.c's site
 * long-term.
 */
#include <linux/slab.h>
#include "gupring.h"

void ring_destroy(struct ring_buf *rb)
{
	ring_drop_pages(rb->pages, rb->n);
	kfree(rb);
}

/*
 * check-name: ring 2, third round (no site here)
 * check-plan-start
 * check-plan-end
 */
