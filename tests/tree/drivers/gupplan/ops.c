/* Fixture: a struct field that happens to be called put_page is not a release. */
#include <linux/mm.h>

struct plan_ops {
	void (*put_page)(struct page *page);
};

int plan_ops_use(struct plan_ops *ops, unsigned long addr)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1)
		return -1;
	ops->put_page(page);
	return 0;
}

/*
 * check-name: ops->put_page() is a call through a field: not a release, and not "unreleased" either
 * check-plan-start
drivers/gupplan/ops.c:12:6: site: get_user_pages_fast() in plan_ops_use: pin -> pin_user_pages_fast [case 5]: the pages reach (*put_page), which gupcheck cannot follow: a pin is the safe choice
 * check-plan-end
 */
