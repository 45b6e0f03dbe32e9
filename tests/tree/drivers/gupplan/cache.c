/* Fixture: a store released on every path in its function caches the pointer, not the reference. */
#include <linux/mm.h>
#include <linux/slab.h>

int page_to_nid(struct page *page);

struct pc_obj {
	struct page *page;
	int nid;
};

int pc_lookup(struct pc_obj *obj, unsigned long addr)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1)
		return -EFAULT;
	obj->page = page;
	obj->nid = page_to_nid(page);
	put_page(page);
	return 0;
}

/* the twins: the release is in an if arm, or a return comes between: the field holds it */
int pc_keep_arm(struct pc_obj *obj, unsigned long addr, int drop)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1)
		return -EFAULT;
	obj->page = page;
	obj->nid = page_to_nid(page);
	if (drop)
		put_page(page);
	return 0;
}

int pc_keep_return(struct pc_obj *obj, unsigned long addr)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1)
		return -EFAULT;
	obj->page = page;
	obj->nid = page_to_nid(page);
	if (obj->nid < 0)
		return 1;
	put_page(page);
	return 0;
}

/*
 * check-name: obj->page = page; ...; put_page(page) unconditionally is no hold (issue 15.4)
 * check-plan-start
drivers/gupplan/cache.c:16:6: site: get_user_pages_fast() in pc_lookup: ref -> get_user_pages_fast [case 4]: the pages are only inspected as struct page (page_to_nid()) and released
drivers/gupplan/cache.c:16:6: release: drivers/gupplan/cache.c:20:2: put_page() in pc_lookup -> put_page
drivers/gupplan/cache.c:29:6: site: get_user_pages_fast() in pc_keep_arm: pin -> pin_user_pages_fast [case 5]: the pages reach their callers, which gupcheck cannot follow: a pin is the safe choice; kept in field struct pc_obj.page
drivers/gupplan/cache.c:29:6: release: drivers/gupplan/cache.c:34:3: put_page() in pc_keep_arm -> unpin_user_page if drop
drivers/gupplan/cache.c:42:6: site: get_user_pages_fast() in pc_keep_return: pin -> pin_user_pages_fast [case 5]: the pages reach their callers, which gupcheck cannot follow: a pin is the safe choice; kept in field struct pc_obj.page
drivers/gupplan/cache.c:42:6: release: drivers/gupplan/cache.c:48:2: put_page() in pc_keep_return -> unpin_user_page
 * check-plan-end
 */
