/* Fixture: a wrapper's caller that follows invalidations with an MMU notifier. */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/mmu_notifier.h>
#include "../api/wrapapi.h"

struct wrap_mirror {
	struct mmu_interval_notifier notifier;
};

int wrap_mirror_fault(struct wrap_mirror *m, unsigned long addr, char *dst)
{
	struct page *page;
	char *v;

	if (wrap_get_excl(addr, &page) != 1)
		return -1;
	v = kmap(page);
	memcpy(dst, v, 16);
	kunmap(page);
	put_page(page);
	return 0;
}
