/* Fixture gupreach.h: page numbers, as x86-64's macros, and the headers the fixtures share. */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/highmem.h>

typedef _Bool bool;
#define true 1

/* SPARSEMEM_VMEMMAP: a pfn is the page's index in vmemmap (so struct page is complete). */
struct page {
	unsigned long flags;
};
#define PAGE_SHIFT		12
#define vmemmap			((struct page *)0xffffea0000000000UL)
#define __page_to_pfn(page)	(unsigned long)((page) - vmemmap)
#define __pfn_to_page(pfn)	(vmemmap + (pfn))
#define page_to_pfn		__page_to_pfn
#define pfn_to_page		__pfn_to_page
#define PFN_PHYS(x)		((unsigned long long)(x) << PAGE_SHIFT)
#define page_to_phys(page)	PFN_PHYS(page_to_pfn(page))
