/* Fixture: a page's number that a function returns (KVM's hva_to_pfn()) is its page's place. */
#include "gupreach.h"

typedef unsigned long long kvm_pfn_t;

struct rp_map {
	kvm_pfn_t pfn;
	void *hva;
};

/* hva_to_pfn_slow()'s shape: the page's number leaves through an out-parameter. */
static int rp_hva_to_pfn_slow(unsigned long addr, kvm_pfn_t *pfn)
{
	struct page *page;
	int npages = get_user_pages_fast(addr, 1, FOLL_WRITE, &page);

	if (npages != 1)
		return npages;
	*pfn = page_to_pfn(page);
	return npages;
}

/* hva_to_pfn(): the number is returned. */
kvm_pfn_t rp_hva_to_pfn(unsigned long addr)
{
	kvm_pfn_t pfn = 0;

	if (rp_hva_to_pfn_slow(addr, &pfn) == 1)
		return pfn;
	return 0;
}

/* __gfn_to_pfn_memslot(): another page-number function's value, returned as it is. */
kvm_pfn_t rp_gfn_to_pfn(unsigned long gfn)
{
	return rp_hva_to_pfn(gfn << 12);
}

/* kvm_pfn_to_refcounted_page(): a number back to its page, returned. */
static struct page *rp_pfn_to_page(kvm_pfn_t pfn)
{
	if (!pfn)
		return 0;
	return pfn_to_page(pfn);
}

/* kvm_release_pfn_clean(): the number's page, put. */
void rp_release_pfn_clean(kvm_pfn_t pfn)
{
	struct page *page = rp_pfn_to_page(pfn);

	if (page)
		put_page(page);
}

/* kvm_vcpu_map() and kvm_vcpu_unmap(): the number kept in a map, released from it. */
int rp_map(struct rp_map *map, unsigned long gfn)
{
	kvm_pfn_t pfn = rp_gfn_to_pfn(gfn);

	if (!pfn)
		return -EFAULT;
	map->pfn = pfn;
	map->hva = kmap(pfn_to_page(pfn));
	return 0;
}

void rp_unmap(struct rp_map *map)
{
	rp_release_pfn_clean(map->pfn);
}

/* The twin: what this returns is a count (an int not named for pfns), not a page's number. */
int rp_pin_one(unsigned long addr, struct page **pages)
{
	int got = pin_user_pages_fast(addr, 1, FOLL_WRITE, pages);

	return got;
}

void rp_pin_user(unsigned long addr)
{
	struct page *page;
	kvm_pfn_t pfn = rp_pin_one(addr, &page);

	unpin_user_page(page);
	rp_release_pfn_clean(pfn);
}

/*
 * check-name: returned pfns: rp_hva_to_pfn() returns the number rp_hva_to_pfn_slow() gave its
 * out-parameter, rp_gfn_to_pfn() returns that, rp_map() keeps it in struct rp_map.pfn and
 * rp_unmap() puts its page through rp_release_pfn_clean() and rp_pfn_to_page(), which returns
 * the number's page; the twin rp_pin_one() returns a count, which is no page's place, so
 * rp_pin_user()'s rp_release_pfn_clean() is not its release
 * check-plan-start
drivers/gupreach/retpfn.c:15:15: site: get_user_pages_fast() in rp_hva_to_pfn_slow: pin -> pin_user_pages_fast [case 5]: the pages' data is used (kmap); page numbers kept in field struct rp_map.pfn
drivers/gupreach/retpfn.c:15:15: release: drivers/gupreach/retpfn.c:53:3: put_page() in rp_release_pfn_clean -> unpin_user_page via field struct rp_map.pfn if page
drivers/gupreach/retpfn.c:15:15: warning: get_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (kmap()), but none of their releases dirties them (put_page() at drivers/gupreach/retpfn.c:53 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
drivers/gupreach/retpfn.c:76:12: site: pin_user_pages_fast() in rp_pin_one: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupreach/retpfn.c:76:12: release: drivers/gupreach/retpfn.c:86:2: unpin_user_page() in rp_pin_user -> unpin_user_page via rp_pin_user
 * check-plan-end
 */
