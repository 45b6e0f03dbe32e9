/* Fixture: KVM's map: a page found again from its kept number, in a file with MMU notifiers. */
#include <linux/mmu_notifier.h>
#include "gupreach.h"

typedef unsigned long long kvm_pfn_t;

struct kv_vm {
	struct mmu_interval_notifier notifier;
};

struct kv_host_map {
	struct page *page;
	kvm_pfn_t pfn;
};

/* hva_to_pfn_slow() and hva_to_pfn(): the page's number, out and then returned. */
static int kv_hva_to_pfn_slow(unsigned long addr, kvm_pfn_t *pfn)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1)
		return 0;
	*pfn = page_to_pfn(page);
	return 1;
}

kvm_pfn_t kv_hva_to_pfn(unsigned long addr)
{
	kvm_pfn_t pfn = 0;

	kv_hva_to_pfn_slow(addr, &pfn);
	return pfn;
}

/* kvm_vcpu_map(): the page, found again from the number, kept in the map beside it. */
int kv_vcpu_map(struct kv_host_map *map, unsigned long addr)
{
	kvm_pfn_t pfn = kv_hva_to_pfn(addr);

	if (!pfn)
		return -EFAULT;
	map->page = pfn_to_page(pfn);
	map->pfn = pfn;
	return 0;
}

/* kvm_vcpu_unmap() */
void kv_vcpu_unmap(struct kv_host_map *map)
{
	put_page(map->page);
}

/*
 * check-name: case 3 with a returned pfn: kv_hva_to_pfn() returns the page's number and
 * kv_vcpu_map() keeps the page found again from it (pfn_to_page()): the device keeps an address
 * and follows invalidations (the file has an MMU interval notifier), so the reference stays; its
 * release is kv_vcpu_unmap()'s put_page() through the map
 * check-plan-start
drivers/gupreach/kvm.c:21:6: site: get_user_pages_fast() in kv_hva_to_pfn_slow: ref -> get_user_pages_fast [case 3]: drivers/gupreach/kvm.c uses MMU notifiers or HMM: the device follows invalidations
drivers/gupreach/kvm.c:21:6: release: drivers/gupreach/kvm.c:50:2: put_page() in kv_vcpu_unmap -> put_page via field struct kv_host_map.page
 * check-plan-end
 */
