/* Fixture: the teardown of reg.c's region, found through the field it shares with reg.c. */
#include <linux/mm.h>
#include <linux/slab.h>
#include "gupplan.h"

void plan_region_destroy(struct plan_region *r)
{
	int i;

	for (i = 0; i < r->npages; i++)
		put_page(r->pages[i]);
	kfree(r->pages);
	kfree(r);
}

/*
 * check-name: a file that names no GUP function is read for its releases (ring 2); no site here
 * check-plan-start
 * check-plan-end
 */
