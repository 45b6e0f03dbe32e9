/* Fixture: pages kept in a ring_buf; the files that release them name no GUP function. */
#include <linux/mm.h>
#include "gupring.h"

int ring_fill(struct ring_buf *rb, unsigned long addr, int n)
{
	int got = get_user_pages_fast(addr, n, FOLL_WRITE, rb->pages);

	if (got < 0)
		return got;
	rb->n = got;
	return 0;
}

/*
 * check-name: ring 2 by names alone, three rounds: put.c (a release API), drop.c (a caller of
 * put.c's wrapper) and teardown.c (a caller of drop.c's wrapper, which frees the holder: case
 * 2); FOLL_LONGTERM is missing
 * check-plan-start
drivers/gupring/acq.c:7:12: site: get_user_pages_fast() in ring_fill: longterm-pin -> pin_user_pages_fast + FOLL_LONGTERM [case 2]: pages kept in field struct ring_buf.pages, released in ring_give_back() (drivers/gupring/put.c:10), called from ring_destroy() in the teardown that frees their holder: they outlive the system call
drivers/gupring/acq.c:7:12: release: drivers/gupring/put.c:10:2: release_pages() in ring_give_back -> unpin_user_pages via field struct ring_buf.pages
drivers/gupring/acq.c:7:12: warning: long-term pin without FOLL_LONGTERM: pages kept in field struct ring_buf.pages, released in ring_give_back() (drivers/gupring/put.c:10), called from ring_destroy() in the teardown that frees their holder: they outlive the system call [longterm-missing]
 * check-plan-end
 */
