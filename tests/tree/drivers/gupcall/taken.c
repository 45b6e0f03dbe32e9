/* Fixture: a helper one of whose callers is not in view: its address is taken. */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/highmem.h>

struct gt_obj {
	struct page **pages;
	int n;
};

static int gt_get(unsigned long addr, int n, struct page **pages)
{
	return pin_user_pages_fast(addr, n, 0, pages);
}

int (*gt_hook)(unsigned long addr, int n, struct page **pages) = gt_get;

int gt_keep(struct gt_obj *o, unsigned long addr)
{
	return gt_get(addr, o->n, o->pages) == o->n ? 0 : -EFAULT;
}

void gt_destroy(struct gt_obj *o)
{
	unpin_user_pages(o->pages, o->n);
	kfree(o);
}

int gt_once(unsigned long addr, char *dst)
{
	struct page *pages[1];

	if (gt_get(addr, 1, pages) != 1)
		return -EFAULT;
	memcpy(dst, kmap(pages[0]), 4);
	kunmap(pages[0]);
	unpin_user_pages(pages, 1);
	return 0;
}

/*
 * check-name: a caller not in view (issue 15 item 6).  gt_get() is called by gt_keep(), which
 * keeps the pages until gt_destroy(), and by gt_once(), one copy; its address is also stored
 * in gt_hook, so a call through it is not in view: the plan says so, and a flags parameter
 * cannot be added to it.
 * check-plan-start
drivers/gupcall/taken.c:13:9: site: pin_user_pages_fast() in gt_get: longterm-pin -> pin_user_pages_fast + FOLL_LONGTERM [case 2]: pages kept in field struct gt_obj.pages, released in gt_destroy() (drivers/gupcall/taken.c:25) in the teardown that frees their holder: they outlive the system call; long-term at 1 of its 2 calls: gt_keep() at drivers/gupcall/taken.c:20
drivers/gupcall/taken.c:13:9: release: drivers/gupcall/taken.c:25:2: unpin_user_pages() in gt_destroy -> unpin_user_pages via field struct gt_obj.pages
drivers/gupcall/taken.c:13:9: release: drivers/gupcall/taken.c:37:2: unpin_user_pages() in gt_once -> unpin_user_pages via gt_once
drivers/gupcall/taken.c:13:9: caller: drivers/gupcall/taken.c:20 in gt_keep: longterm-pin + FOLL_LONGTERM [case 2]: pages kept in field struct gt_obj.pages, released in gt_destroy() (drivers/gupcall/taken.c:25) in the teardown that frees their holder: they outlive the system call
drivers/gupcall/taken.c:13:9: caller: drivers/gupcall/taken.c:33 in gt_once: pin [as written]: already a pin
drivers/gupcall/taken.c:13:9: callers: not every caller is in view: the address of gt_get() is taken at drivers/gupcall/taken.c:16 (file scope): a call through it is not in view
drivers/gupcall/taken.c:13:9: warning: long-term pin without FOLL_LONGTERM: pages kept in field struct gt_obj.pages, released in gt_destroy() (drivers/gupcall/taken.c:25) in the teardown that frees their holder: they outlive the system call; long-term at 1 of its 2 calls: gt_keep() at drivers/gupcall/taken.c:20 [longterm-missing]
 * check-plan-end
 */
