/* Fixture: a registration keeps user pages in a heap object; dereg.c, which names no GUP function, releases them. */
#include <linux/mm.h>
#include <linux/slab.h>
#include "gupplan.h"

int plan_region_register(struct plan_region *r, unsigned long addr, int n)
{
	int got;

	r->pages = kcalloc(n, sizeof(*r->pages), GFP_KERNEL);
	if (!r->pages)
		return -ENOMEM;
	got = get_user_pages_fast(addr, n, FOLL_WRITE, r->pages);
	if (got != n) {
		if (got > 0)
			release_pages(r->pages, got);
		kfree(r->pages);
		return -EFAULT;
	}
	r->npages = n;
	return 0;
}

/*
 * check-name: long-term pin found through a struct field released in another file
 * (dereg.c frees the region and is named for a teardown: case 2; FOLL_LONGTERM is missing)
 * check-plan-start
drivers/gupplan/reg.c:13:8: site: get_user_pages_fast() in plan_region_register: longterm-pin -> pin_user_pages_fast + FOLL_LONGTERM [case 2]: pages kept in field struct plan_region.pages, released in plan_region_destroy() (drivers/gupplan/dereg.c:11) in the teardown that frees their holder: they outlive the system call
drivers/gupplan/reg.c:13:8: release: drivers/gupplan/dereg.c:11:3: put_page() in plan_region_destroy -> unpin_user_page via field struct plan_region.pages
drivers/gupplan/reg.c:13:8: release: drivers/gupplan/reg.c:16:4: release_pages() in plan_region_register -> unpin_user_pages via field struct plan_region.pages if got > 0
drivers/gupplan/reg.c:13:8: warning: long-term pin without FOLL_LONGTERM: pages kept in field struct plan_region.pages, released in plan_region_destroy() (drivers/gupplan/dereg.c:11) in the teardown that frees their holder: they outlive the system call [longterm-missing]
 * check-plan-end
 */
