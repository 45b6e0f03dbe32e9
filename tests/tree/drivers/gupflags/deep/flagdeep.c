/* Fixture: the caller of the wrapper of a wrapper (mid/flagmid.c); it names neither GUP nor flag_get_pages(). */
#include <linux/mm.h>
#include <linux/slab.h>
#include "../api/flagapi.h"

int flag_get_longterm(unsigned long addr, int n, unsigned int flags, struct page **pages);

struct flag_deep {
	struct page **pages;
	int n;
};

int flag_deep_map(struct flag_deep *d, unsigned long addr)
{
	return flag_get_longterm(addr, d->n, FOLL_WRITE, d->pages) == d->n ? 0 : -EFAULT;
}

void flag_deep_release(struct flag_deep *d)
{
	flag_put_pages(d->pages, d->n);
	kfree(d->pages);
	kfree(d);
}
