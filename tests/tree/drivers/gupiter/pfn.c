/* Fixture: a pfn is its page's place both ways (vfio type1's vaddr_get_pfns() and put_pfn()). */
#include "gupiter.h"

struct pfn_dma {
	struct iommu_domain *domain;
	unsigned long iova;
	unsigned long pfn;
};

/* The pages' number leaves through an out-parameter; the array is the caller's. */
static int pfn_get(unsigned long vaddr, unsigned long *pfn, struct page **pages)
{
	int ret = pin_user_pages_fast(vaddr, 1, FOLL_WRITE | FOLL_LONGTERM, pages);

	if (ret == 1)
		*pfn = page_to_pfn(pages[0]);
	return ret;
}

/* The number back to its page, unpinned. */
static int pfn_put(unsigned long pfn)
{
	if (!pfn_valid(pfn))
		return 0;
	__gupcheck_where(pfn_to_page(pfn));
	struct page *page = pfn_to_page(pfn);

	unpin_user_pages_dirty_lock(&page, 1, true);
	return 1;
}

int pfn_dma_map(struct pfn_dma *dma, unsigned long vaddr)
{
	struct page *pages[1];
	unsigned long pfn;
	int ret = pfn_get(vaddr, &pfn, pages);

	if (ret != 1)
		return -EFAULT;
	/* the number goes into the IOMMU's page table: not a release */
	ret = iommu_map(dma->domain, dma->iova, PFN_PHYS(pfn), 4096ul, 3);
	if (ret) {
		pfn_put(pfn);
		return ret;
	}
	dma->pfn = pfn;
	return 0;
}

void pfn_dma_unmap(struct pfn_dma *dma)
{
	pfn_put(dma->pfn);
}

/* A page of our own through the same helper: the walk from the pin does not climb to it. */
void pfn_own_page(void)
{
	struct page *p = alloc_page(GFP_KERNEL);

	pfn_put(page_to_pfn(p));
}

/* vhost-vdpa's shape: numbers of a pinned range, unpinned back from the numbers in one function. */
long pfn_range(unsigned long vaddr, int n, struct page **list)
{
	unsigned long first, last, pfn;
	long pinned = pin_user_pages(vaddr, n, FOLL_WRITE, list, NULL);

	if (pinned <= 0)
		return pinned;
	first = page_to_pfn(list[0]);
	last = page_to_pfn(list[pinned - 1]);
	for (pfn = first; pfn <= last; pfn++)
		unpin_user_page(pfn_to_page(pfn));
	return 0;
}

/*
 * check-name: pfns: a page's number through an out-parameter, a field and a helper back to its
 * page and its release; an IOMMU mapping of the number is not a release, and the walk from the
 * pin does not climb from the helper to its other caller (a page of its own)
 * check-plan-start
drivers/gupiter/pfn.c:13:12: site: pin_user_pages_fast() in pfn_get: longterm-pin -> pin_user_pages_fast [as written]: FOLL_LONGTERM is written at the call
drivers/gupiter/pfn.c:13:12: release: drivers/gupiter/pfn.c:28:2: unpin_user_pages_dirty_lock() in pfn_put -> unpin_user_pages_dirty_lock via pfn_put
drivers/gupiter/pfn.c:25:2: probe: param:pfn; releases: drivers/gupiter/pfn.c:28 unpin_user_pages_dirty_lock(); page numbers kept in field struct pfn_dma.pfn; reaches a page-to-number conversion
drivers/gupiter/pfn.c:67:16: site: pin_user_pages() in pfn_range: pin -> pin_user_pages [as written]: already a pin
drivers/gupiter/pfn.c:67:16: release: drivers/gupiter/pfn.c:74:3: unpin_user_page() in pfn_range -> unpin_user_page
 * check-plan-end
 */
