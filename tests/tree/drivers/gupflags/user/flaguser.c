/* Fixture: the callers of api/flagapi.c's wrappers: they choose the flags, and name no GUP function. */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/highmem.h>
#include "../api/flagapi.h"

/* Kept until flag_user_release(): long-term, and it says so. */
int flag_user_register(struct flag_obj *o, unsigned long addr)
{
	if (flag_get_pages(addr, o->n, FOLL_WRITE | FOLL_LONGTERM, o->pages) != o->n)
		return -EFAULT;
	return 0;
}

/* Kept until flag_user_release() too, but without FOLL_LONGTERM. */
int flag_user_cache(struct flag_obj *o, unsigned long addr)
{
	unsigned int flags = FOLL_WRITE;

	if (flag_get_pages(addr, o->n, flags, o->pages) != o->n)
		return -EFAULT;
	return 0;
}

/* Short-term: read and released at once; needs no FOLL_LONGTERM. */
int flag_user_copy(unsigned long addr, char *dst)
{
	struct page *pages[1];
	int got = flag_get_pages(addr, 1, 0, pages);
	char *v;

	if (got != 1)
		return -EFAULT;
	v = kmap(pages[0]);
	memcpy(dst, v, 16);
	kunmap(pages[0]);
	flag_put_pages(pages, got);
	return 0;
}

void flag_user_release(struct flag_obj *o)
{
	flag_put_pages(o->pages, o->n);
	kfree(o->pages);
	kfree(o);
}

/* flag_get_rw(): false reads, true writes (FOLL_WRITE). */
int flag_user_peek(unsigned long addr, char *dst)
{
	struct page *page;

	if (flag_get_rw(addr, false, &page) != 1)
		return -EFAULT;
	memcpy(dst, kmap(page), 16);
	kunmap(page);
	flag_put_pages(&page, 1);
	return 0;
}

int flag_user_poke(unsigned long addr, const char *src)
{
	struct page *page;

	if (flag_get_rw(addr, true, &page) != 1)
		return -EFAULT;
	memcpy(kmap(page), src, 16);
	kunmap(page);
	set_page_dirty_lock(page);
	flag_put_pages(&page, 1);
	return 0;
}

/* flag_pin_local() is no wrapper: the FOLL_LONGTERM given here is not carried to its site. */
int flag_user_touch(unsigned long addr)
{
	return flag_pin_local(addr, FOLL_WRITE | FOLL_LONGTERM);
}
