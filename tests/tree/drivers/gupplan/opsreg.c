/* Fixture: a registration whose only teardown is reached through an ops table. */
#include <linux/mm.h>
#include <linux/slab.h>

struct lt_obj;

struct lt_ops {
	void (*release)(struct lt_obj *obj);
};

struct lt_obj {
	const struct lt_ops *ops;
	struct page **pages;
	int n;
};

static void lt_unpin(struct page **pages, int n)
{
	unpin_user_pages(pages, n);
}

int lt_register(struct lt_obj *obj, unsigned long addr, int n)
{
	struct page **pages = kcalloc(n, sizeof(*pages), GFP_KERNEL);
	int got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (got != n) {
		if (got > 0)
			lt_unpin(pages, got);
		kfree(pages);
		return -EFAULT;
	}
	obj->pages = pages;
	obj->n = n;
	return 0;
}

/* named for nothing: only the ops member's caller is a teardown */
static void lt_drop(struct lt_obj *obj)
{
	lt_unpin(obj->pages, obj->n);
	kfree(obj->pages);
	kfree(obj);
}

static const struct lt_ops lt_ops = {
	.release = lt_drop,
};

void lt_obj_destroy(struct lt_obj *obj)
{
	obj->ops->release(obj);
}

const struct lt_ops *lt_get_ops(void)
{
	return &lt_ops;
}

/*
 * check-name: the teardown path through an ops table makes the pin long-term (issue 15.5)
 * check-plan-start
drivers/gupplan/opsreg.c:25:12: site: pin_user_pages_fast() in lt_register: longterm-pin -> pin_user_pages_fast + FOLL_LONGTERM [case 2]: pages kept in field struct lt_obj.pages, released in lt_unpin() (drivers/gupplan/opsreg.c:19), called from lt_obj_destroy() in the teardown that frees their holder: they outlive the system call
drivers/gupplan/opsreg.c:25:12: release: drivers/gupplan/opsreg.c:19:2: unpin_user_pages() in lt_unpin -> unpin_user_pages via lt_unpin
drivers/gupplan/opsreg.c:25:12: warning: long-term pin without FOLL_LONGTERM: pages kept in field struct lt_obj.pages, released in lt_unpin() (drivers/gupplan/opsreg.c:19), called from lt_obj_destroy() in the teardown that frees their holder: they outlive the system call [longterm-missing]
 * check-plan-end
 */
