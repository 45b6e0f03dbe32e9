/*
 * Fixture: a device that follows MMU notifiers takes references (case 3), which v5.4 released
 * with put_user_page*(): with --api=pin they stay references, released by put_page() and
 * release_pages().
 */
#include <linux/mm.h>
#include <linux/mmu_notifier.h>

struct odp {
	struct mmu_interval_notifier notifier;
};

int odp_fault(struct odp *o, unsigned long addr, unsigned long n)
{
	struct page *pages[16];
	long got = get_user_pages_remote(NULL, NULL, addr, n, FOLL_WRITE, pages, NULL, NULL);

	if (got <= 0)
		return -1;
	put_user_page(pages[0]);
	if (got > 1)
		put_user_pages(&pages[1], got - 1);
	return 0;
}
