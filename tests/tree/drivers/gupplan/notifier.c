/*
 * Fixture: a device with an MMU interval notifier follows invalidations: a plain reference is
 * right when nothing contradicts it (the page goes to the device only as its number).
 */
#include <linux/mm.h>
#include <linux/mmu_notifier.h>
#include "gupplan.h"

unsigned long page_to_pfn(struct page *page);
void plan_map_pfn(unsigned long pfn);

struct plan_mirror {
	struct mmu_interval_notifier notifier;
};

int plan_mirror_fault(struct plan_mirror *m, unsigned long addr)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1)
		return -1;
	plan_map_pfn(page_to_pfn(page));	/* the device keeps the address */
	put_page(page);
	return 0;
}

/*
 * check-name: an MMU-notifier user keeps its plain reference (case 3)
 * check-plan-start
drivers/gupplan/notifier.c:20:6: site: get_user_pages_fast() in plan_mirror_fault: ref -> get_user_pages_fast [case 3]: drivers/gupplan/notifier.c uses MMU notifiers or HMM: the device follows invalidations
drivers/gupplan/notifier.c:20:6: release: drivers/gupplan/notifier.c:23:2: put_page() in plan_mirror_fault -> put_page
 * check-plan-end
 */
