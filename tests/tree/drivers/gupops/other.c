/* Fixture: a member named like ops_mem_ops.put_pages in another struct: core.c's calls never reach it. */
#include <linux/mm.h>
#include "gupops.h"

static void ops_other_put_pages(struct page **pages, int n)
{
	int i;

	for (i = 0; i < n; i++)
		unpin_user_page(pages[i]);
}

const struct ops_other_ops ops_other = {
	.put_pages = ops_other_put_pages,
};

/*
 * check-name: no site here; its release pairs with nothing
 * check-plan-start
 * check-plan-end
 */
