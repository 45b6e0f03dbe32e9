/* Fixture: a helper whose pages go back to its callers: one keeps them, three use them once. */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/highmem.h>

struct gc_reg {
	struct page **pages;
	int n;
};

int gc_get_pages(unsigned long addr, int n, struct page **pages)
{
	return pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
}

int gc_reg_register(struct gc_reg *r, unsigned long addr)
{
	if (gc_get_pages(addr, r->n, r->pages) != r->n)
		return -EFAULT;
	return 0;
}

void gc_reg_release(struct gc_reg *r)
{
	unpin_user_pages(r->pages, r->n);
	kfree(r->pages);
	kfree(r);
}

int gc_read(unsigned long addr, char *dst)
{
	struct page *pages[1];

	if (gc_get_pages(addr, 1, pages) != 1)
		return -EFAULT;
	memcpy(dst, kmap(pages[0]), 16);
	kunmap(pages[0]);
	unpin_user_pages(pages, 1);
	return 0;
}

int gc_write(unsigned long addr, const char *src)
{
	struct page *pages[1];

	if (gc_get_pages(addr, 1, pages) != 1)
		return -EFAULT;
	memcpy(kmap(pages[0]), src, 16);
	kunmap(pages[0]);
	unpin_user_pages(pages, 1);
	return 0;
}

int gc_peek(unsigned long addr, char *dst)
{
	struct page *pages[2];

	if (gc_get_pages(addr, 2, pages) != 2)
		return -EFAULT;
	memcpy(dst, kmap(pages[1]), 8);
	kunmap(pages[1]);
	unpin_user_pages(pages, 2);
	return 0;
}

/*
 * check-name: per-caller verdicts (issue 15 item 6).  gc_get_pages() pins into its caller's
 * array: gc_reg_register() keeps the pages in struct gc_reg until gc_reg_release(), the
 * teardown that frees it: long-term, and FOLL_LONGTERM belongs at that call only; gc_read(),
 * gc_write() and gc_peek() use them for one copy and unpin them: a pin.  The site's verdict
 * is the strongest need, and its evidence (and longterm-missing) names the one caller.
 * check-plan-start
drivers/gupcall/reg.c:13:9: site: pin_user_pages_fast() in gc_get_pages: longterm-pin -> pin_user_pages_fast + FOLL_LONGTERM [case 2]: pages kept in field struct gc_reg.pages, released in gc_reg_release() (drivers/gupcall/reg.c:25) in the teardown that frees their holder: they outlive the system call; long-term at 1 of its 4 calls: gc_reg_register() at drivers/gupcall/reg.c:18
drivers/gupcall/reg.c:13:9: release: drivers/gupcall/reg.c:25:2: unpin_user_pages() in gc_reg_release -> unpin_user_pages via field struct gc_reg.pages
drivers/gupcall/reg.c:13:9: release: drivers/gupcall/reg.c:38:2: unpin_user_pages() in gc_read -> unpin_user_pages via gc_read
drivers/gupcall/reg.c:13:9: release: drivers/gupcall/reg.c:50:2: unpin_user_pages() in gc_write -> unpin_user_pages via gc_write
drivers/gupcall/reg.c:13:9: release: drivers/gupcall/reg.c:62:2: unpin_user_pages() in gc_peek -> unpin_user_pages via gc_peek
drivers/gupcall/reg.c:13:9: caller: drivers/gupcall/reg.c:18 in gc_reg_register: longterm-pin + FOLL_LONGTERM [case 2]: pages kept in field struct gc_reg.pages, released in gc_reg_release() (drivers/gupcall/reg.c:25) in the teardown that frees their holder: they outlive the system call
drivers/gupcall/reg.c:13:9: caller: drivers/gupcall/reg.c:34 in gc_read: pin [as written]: already a pin
drivers/gupcall/reg.c:13:9: caller: drivers/gupcall/reg.c:46 in gc_write: pin [as written]: already a pin
drivers/gupcall/reg.c:13:9: caller: drivers/gupcall/reg.c:58 in gc_peek: pin [as written]: already a pin
drivers/gupcall/reg.c:13:9: warning: pin_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (kmap()), but none of their releases dirties them (unpin_user_pages() at drivers/gupcall/reg.c:25 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
drivers/gupcall/reg.c:13:9: warning: long-term pin without FOLL_LONGTERM: pages kept in field struct gc_reg.pages, released in gc_reg_release() (drivers/gupcall/reg.c:25) in the teardown that frees their holder: they outlive the system call; long-term at 1 of its 4 calls: gc_reg_register() at drivers/gupcall/reg.c:18 [longterm-missing]
 * check-plan-end
 */
