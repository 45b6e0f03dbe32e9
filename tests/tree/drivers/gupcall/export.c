/* Fixture: an exported helper: EXPORT_SYMBOL_GPL() takes no address a call could go through. */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/highmem.h>
#include <linux/export.h>

struct ge_obj {
	struct page **pages;
	int n;
};

int ge_get(unsigned long addr, int n, struct page **pages)
{
	return pin_user_pages_fast(addr, n, 0, pages);
}
EXPORT_SYMBOL_GPL(ge_get);

int ge_keep(struct ge_obj *o, unsigned long addr)
{
	return ge_get(addr, o->n, o->pages) == o->n ? 0 : -EFAULT;
}

void ge_destroy(struct ge_obj *o)
{
	unpin_user_pages(o->pages, o->n);
	kfree(o);
}

int ge_once(unsigned long addr, char *dst)
{
	struct page *pages[1];

	if (ge_get(addr, 1, pages) != 1)
		return -EFAULT;
	memcpy(dst, kmap(pages[0]), 4);
	kunmap(pages[0]);
	unpin_user_pages(pages, 1);
	return 0;
}

/*
 * check-name: an exported helper (issue 15 item 6).  ge_get() is taken.c's gt_get() with
 * EXPORT_SYMBOL_GPL() in place of a function pointer: the export's addressable pointer is no
 * call out of view, so there is no "callers:" line; the two calls are judged as in taken.c.
 * check-plan-start
drivers/gupcall/export.c:14:9: site: pin_user_pages_fast() in ge_get: longterm-pin -> pin_user_pages_fast + FOLL_LONGTERM [case 2]: pages kept in field struct ge_obj.pages, released in ge_destroy() (drivers/gupcall/export.c:25) in the teardown that frees their holder: they outlive the system call; long-term at 1 of its 2 calls: ge_keep() at drivers/gupcall/export.c:20
drivers/gupcall/export.c:14:9: release: drivers/gupcall/export.c:25:2: unpin_user_pages() in ge_destroy -> unpin_user_pages via field struct ge_obj.pages
drivers/gupcall/export.c:14:9: release: drivers/gupcall/export.c:37:2: unpin_user_pages() in ge_once -> unpin_user_pages via ge_once
drivers/gupcall/export.c:14:9: caller: drivers/gupcall/export.c:20 in ge_keep: longterm-pin + FOLL_LONGTERM [case 2]: pages kept in field struct ge_obj.pages, released in ge_destroy() (drivers/gupcall/export.c:25) in the teardown that frees their holder: they outlive the system call
drivers/gupcall/export.c:14:9: caller: drivers/gupcall/export.c:33 in ge_once: pin [as written]: already a pin
drivers/gupcall/export.c:14:9: warning: long-term pin without FOLL_LONGTERM: pages kept in field struct ge_obj.pages, released in ge_destroy() (drivers/gupcall/export.c:25) in the teardown that frees their holder: they outlive the system call; long-term at 1 of its 2 calls: ge_keep() at drivers/gupcall/export.c:20 [longterm-missing]
 * check-plan-end
 */
