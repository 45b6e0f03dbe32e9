// SPDX-License-Identifier: GPL-2.0
/*
 * An out-of-tree module for gupcheck's kbuild test (tests/kbuild.sh): one pin released by the
 * wrong API, one released right.  gupcheck cc, run by kbuild as $(CHECK), reports the first.
 */
#include <linux/module.h>
#include <linux/mm.h>

/* A pin whose page goes back with put_page(): pins are released by unpin_user_page(). */
int gupmod_wrong(unsigned long addr, struct page **pages)
{
	int n = pin_user_pages_fast(addr, 1, FOLL_WRITE, pages);

	if (n > 0)
		put_page(pages[0]);
	return n;
}
EXPORT_SYMBOL_GPL(gupmod_wrong);

/* The same pin released by its own API: nothing to report. */
int gupmod_right(unsigned long addr, struct page **pages)
{
	int n = pin_user_pages_fast(addr, 1, FOLL_WRITE, pages);

	if (n > 0)
		unpin_user_pages(pages, n);
	return n;
}
EXPORT_SYMBOL_GPL(gupmod_right);

MODULE_LICENSE("GPL");

/*
 * check-cc-start
 * gupmod.c:15:3: error: wrong-release
 * check-cc-end
 */
