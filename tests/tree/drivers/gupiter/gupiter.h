/* Fixture gupiter.h: v6.1's sg page iterators and page numbers, written as the kernel's macros. */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/scatterlist.h>

typedef _Bool bool;

void __gupcheck_where(const void *p);

struct sg_page_iter {
	struct scatterlist *sg;
	unsigned int sg_pgoffset;
	unsigned int __nents;
	int __pg_advance;
};
bool __sg_page_iter_next(struct sg_page_iter *piter);
void __sg_page_iter_start(struct sg_page_iter *piter, struct scatterlist *sglist,
			  unsigned int nents, unsigned long pgoffset);
struct page *sg_page_iter_page(struct sg_page_iter *piter);

#define for_each_sg_page(sglist, piter, nents, pgoffset)		\
	for (__sg_page_iter_start((piter), (sglist), (nents), (pgoffset)); \
	     __sg_page_iter_next(piter);)
#define for_each_sgtable_page(sgt, piter, pgoffset)			\
	for_each_sg_page((sgt)->sgl, piter, (sgt)->orig_nents, pgoffset)

struct page *alloc_page(gfp_t gfp);
void __free_page(struct page *page);

/* x86-64's SPARSEMEM_VMEMMAP: a pfn is the page's index in vmemmap (so struct page is complete). */
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

struct iommu_domain;
int iommu_map(struct iommu_domain *domain, unsigned long iova, unsigned long long paddr,
	      unsigned long size, int prot);
bool pfn_valid(unsigned long pfn);
