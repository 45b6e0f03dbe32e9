/* Fixture: a static helper whose two callers dirty its pages differently (issue 15 item 7). */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/highmem.h>

static struct page *gd_get(unsigned long addr)
{
	struct page *page;

	if (pin_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1)
		return NULL;
	return page;
}

int gd_fill(unsigned long addr, const char *src)
{
	struct page *page = gd_get(addr);

	if (!page)
		return -EFAULT;
	memcpy(kmap(page), src, 16);
	kunmap(page);
	set_page_dirty_lock(page);
	unpin_user_page(page);
	return 0;
}

int gd_look(unsigned long addr, char *dst)
{
	struct page *page = gd_get(addr);

	if (!page)
		return -EFAULT;
	memcpy(dst, kmap(page), 16);
	kunmap(page);
	unpin_user_page(page);
	return 0;
}

/*
 * check-name: dirtying belongs to the caller (issue 15 item 7).  gd_get() returns its page:
 * gd_fill() writes it and dirties it, gd_look() only reads it.  The dirtying is gd_fill()'s,
 * listed under its caller line, not as the site's.
 * check-plan-start
drivers/gupcall/dirty.c:10:6: site: pin_user_pages_fast() in gd_get: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupcall/dirty.c:10:6: release: drivers/gupcall/dirty.c:24:2: unpin_user_page() in gd_fill -> unpin_user_page via gd_fill
drivers/gupcall/dirty.c:10:6: release: drivers/gupcall/dirty.c:36:2: unpin_user_page() in gd_look -> unpin_user_page via gd_look
drivers/gupcall/dirty.c:10:6: caller: drivers/gupcall/dirty.c:17 in gd_fill: pin [as written]: already a pin; dirty: set_page_dirty_lock() at drivers/gupcall/dirty.c:23 in gd_fill
drivers/gupcall/dirty.c:10:6: caller: drivers/gupcall/dirty.c:30 in gd_look: pin [as written]: already a pin
 * check-plan-end
 */
