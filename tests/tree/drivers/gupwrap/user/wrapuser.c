/* Fixture: a driver that names only the wrapper acquire APIs and their releases, no GUP function. */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/highmem.h>
#include "../api/wrapapi.h"

int wrap_user_map(struct wrap_obj *o, unsigned long addr)
{
	int got;

	o->pages = kcalloc(o->n, sizeof(*o->pages), GFP_KERNEL);
	if (!o->pages)
		return -ENOMEM;
	got = wrap_get_pages(addr, o->n, FOLL_WRITE, o->pages);
	if (got != o->n) {
		if (got > 0)
			wrap_put_pages(o->pages, got);
		kfree(o->pages);
		return -EFAULT;
	}
	return 0;
}

void wrap_user_release(struct wrap_obj *o)
{
	if (!o)
		return;
	wrap_put_pages(o->pages, o->n);
	kfree(o->pages);
	kfree(o);
}

int wrap_user_peek(unsigned long addr, char *dst)
{
	struct page *p = wrap_get_one(addr);
	char *v;

	if (!p)
		return -EFAULT;
	v = kmap(p);
	memcpy(dst, v, 16);
	kunmap(p);
	wrap_put_one(p);
	return 0;
}
