/*
 * Fixture: dirty-missing, pages asked for writing whose bytes are written and released
 * without being dirtied, each beside a twin that stays silent: a dirtying release, a dirtying
 * before the release, no FOLL_WRITE, no write seen, a device that only reads.  Shapes of
 * linux-6.1's rio_mport_cdev.c (DMA from the device) and vmci_host.c (a kernel mapping);
 * written for this fixture (no upstream fix of this shape verified).
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

#define DMA_TO_DEVICE	1
#define DMA_FROM_DEVICE	2
int dma_map_sg(void *dev, struct scatterlist *sg, int nents, int dir);
int dd_wait(void *dev);
int page_to_nid(struct page *page);

/* Bug: the device writes the pages (an sg table, DMA_FROM_DEVICE), nothing dirties them. */
int dd_dma_in(void *dev, struct sg_table *sgt, unsigned long addr, int n, struct page **pages)
{
	int got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (got != n) {
		if (got > 0)
			unpin_user_pages(pages, got);
		return -EFAULT;
	}
	sg_alloc_table_from_pages(sgt, pages, n, 0, n * 4096ul, 0);
	dma_map_sg(dev, sgt->sgl, n, DMA_FROM_DEVICE);
	dd_wait(dev);
	unpin_user_pages(pages, n);
	return 0;
}

/* Twin: released with unpin_user_pages_dirty_lock(..., true). */
int dd_dma_in_dirty(void *dev, struct sg_table *sgt, unsigned long addr, int n,
		    struct page **pages)
{
	int got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (got != n) {
		if (got > 0)
			unpin_user_pages(pages, got);
		return -EFAULT;
	}
	sg_alloc_table_from_pages(sgt, pages, n, 0, n * 4096ul, 0);
	dma_map_sg(dev, sgt->sgl, n, DMA_FROM_DEVICE);
	dd_wait(dev);
	unpin_user_pages_dirty_lock(pages, n, true);
	return 0;
}

/* Twin: the device only reads them (DMA_TO_DEVICE); FOLL_WRITE is asked all the same. */
int dd_dma_out(void *dev, struct sg_table *sgt, unsigned long addr, int n, struct page **pages)
{
	int got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (got != n) {
		if (got > 0)
			unpin_user_pages(pages, got);
		return -EFAULT;
	}
	sg_alloc_table_from_pages(sgt, pages, n, 0, n * 4096ul, 0);
	dma_map_sg(dev, sgt->sgl, n, DMA_TO_DEVICE);
	dd_wait(dev);
	unpin_user_pages(pages, n);
	return 0;
}

/* The pages come back out of the sg table to be dirtied, as i915's put_pages() does. */
static void dd_sg_dirty(struct sg_table *sgt)
{
	struct scatterlist *sg;

	for (sg = sgt->sgl; sg; sg = sg_next(sg))
		set_page_dirty_lock(sg_page(sg));
}

/* Twin: dirtied through the sg table before the release. */
int dd_dma_in_sg(void *dev, struct sg_table *sgt, unsigned long addr, int n, struct page **pages)
{
	int got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (got != n) {
		if (got > 0)
			unpin_user_pages(pages, got);
		return -EFAULT;
	}
	sg_alloc_table_from_pages(sgt, pages, n, 0, n * 4096ul, 0);
	dma_map_sg(dev, sgt->sgl, n, DMA_FROM_DEVICE);
	dd_wait(dev);
	dd_sg_dirty(sgt);
	unpin_user_pages(pages, n);
	return 0;
}

/* Bug: the CPU writes the page through a kernel mapping; put_page() without dirtying. */
int dd_cpu_write(unsigned long addr, const char *src, unsigned long len)
{
	struct page *page;
	char *kaddr;

	if (get_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1)
		return -EFAULT;
	kaddr = kmap(page);
	memcpy(kaddr, src, len);
	kunmap(page);
	put_page(page);
	return 0;
}

/* Twin: set_page_dirty_lock() before the release. */
int dd_cpu_write_dirty(unsigned long addr, const char *src, unsigned long len)
{
	struct page *page;
	char *kaddr;

	if (get_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1)
		return -EFAULT;
	kaddr = kmap(page);
	memcpy(kaddr, src, len);
	kunmap(page);
	set_page_dirty_lock(page);
	put_page(page);
	return 0;
}

/* Twin: read only (no FOLL_WRITE): a copy out of the page needs no dirtying. */
int dd_cpu_read(unsigned long addr, char *dst, unsigned long len)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1)
		return -EFAULT;
	memcpy_from_page(dst, page, 0, len);
	put_page(page);
	return 0;
}

/* Twin: FOLL_WRITE, but nothing reaches the bytes (struct page only). */
int dd_nid(unsigned long addr)
{
	struct page *page;
	int nid;

	if (get_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1)
		return -EFAULT;
	nid = page_to_nid(page);
	put_page(page);
	return nid;
}

/*
 * check-name: dirty-missing: written through DMA or a kernel mapping, released undirtied
 * check-plan-start
drivers/guppath/dirty.c:22:12: site: pin_user_pages_fast() in dd_dma_in: pin -> pin_user_pages_fast [as written]: already a pin
drivers/guppath/dirty.c:22:12: release: drivers/guppath/dirty.c:26:4: unpin_user_pages() in dd_dma_in -> unpin_user_pages if got > 0
drivers/guppath/dirty.c:22:12: release: drivers/guppath/dirty.c:32:2: unpin_user_pages() in dd_dma_in -> unpin_user_pages
drivers/guppath/dirty.c:22:12: warning: pin_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (put into an sg table or bio), but none of their releases dirties them (unpin_user_pages() at drivers/guppath/dirty.c:26 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
drivers/guppath/dirty.c:40:12: site: pin_user_pages_fast() in dd_dma_in_dirty: pin -> pin_user_pages_fast [as written]: already a pin
drivers/guppath/dirty.c:40:12: release: drivers/guppath/dirty.c:44:4: unpin_user_pages() in dd_dma_in_dirty -> unpin_user_pages if got > 0
drivers/guppath/dirty.c:40:12: release: drivers/guppath/dirty.c:50:2: unpin_user_pages_dirty_lock() in dd_dma_in_dirty -> unpin_user_pages_dirty_lock
drivers/guppath/dirty.c:57:12: site: pin_user_pages_fast() in dd_dma_out: pin -> pin_user_pages_fast [as written]: already a pin
drivers/guppath/dirty.c:57:12: release: drivers/guppath/dirty.c:61:4: unpin_user_pages() in dd_dma_out -> unpin_user_pages if got > 0
drivers/guppath/dirty.c:57:12: release: drivers/guppath/dirty.c:67:2: unpin_user_pages() in dd_dma_out -> unpin_user_pages
drivers/guppath/dirty.c:83:12: site: pin_user_pages_fast() in dd_dma_in_sg: pin -> pin_user_pages_fast [as written]: already a pin
drivers/guppath/dirty.c:83:12: release: drivers/guppath/dirty.c:87:4: unpin_user_pages() in dd_dma_in_sg -> unpin_user_pages if got > 0
drivers/guppath/dirty.c:83:12: release: drivers/guppath/dirty.c:94:2: unpin_user_pages() in dd_dma_in_sg -> unpin_user_pages
drivers/guppath/dirty.c:83:12: dirty: drivers/guppath/dirty.c:77:3: set_page_dirty_lock() in dd_sg_dirty via dd_sg_dirty
drivers/guppath/dirty.c:104:6: site: get_user_pages_fast() in dd_cpu_write: pin -> pin_user_pages_fast [case 5]: the pages' data is used (kmap)
drivers/guppath/dirty.c:104:6: release: drivers/guppath/dirty.c:109:2: put_page() in dd_cpu_write -> unpin_user_page
drivers/guppath/dirty.c:104:6: warning: get_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (kmap()), but none of their releases dirties them (put_page() at drivers/guppath/dirty.c:109 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
drivers/guppath/dirty.c:119:6: site: get_user_pages_fast() in dd_cpu_write_dirty: pin -> pin_user_pages_fast [case 5]: the pages' data is used (kmap)
drivers/guppath/dirty.c:119:6: release: drivers/guppath/dirty.c:125:2: put_page() in dd_cpu_write_dirty -> unpin_user_page
drivers/guppath/dirty.c:119:6: dirty: drivers/guppath/dirty.c:124:2: set_page_dirty_lock() in dd_cpu_write_dirty
drivers/guppath/dirty.c:134:6: site: get_user_pages_fast() in dd_cpu_read: pin -> pin_user_pages_fast [case 5]: the pages' data is used (memcpy_from_page)
drivers/guppath/dirty.c:134:6: release: drivers/guppath/dirty.c:137:2: put_page() in dd_cpu_read -> unpin_user_page
drivers/guppath/dirty.c:147:6: site: get_user_pages_fast() in dd_nid: ref -> get_user_pages_fast [case 4]: the pages are only inspected as struct page (page_to_nid()) and released
drivers/guppath/dirty.c:147:6: release: drivers/guppath/dirty.c:150:2: put_page() in dd_nid -> put_page
 * check-plan-end
 */
