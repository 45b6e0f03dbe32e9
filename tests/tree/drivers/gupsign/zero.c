/*
 * Fixture: guarded-release.  Modeled on "vfio/type1: Unpin zero pages" (vfio skipped the unpin
 * of every PageReserved pfn, so the zero page pins GUP took leaked; the fix unpins the zero
 * pages right after pinning them).  This tree's mm/gup.c does not exist, so its pins are taken
 * to cover the zero page like any other page (before v6.5).  Each buggy shape has a silent twin.
 */
#include "gupsign.h"

/* Bug: a reserved page (the zero page among them) keeps its reference. */
int zero_reserved_skip(unsigned long addr, int n, struct page **pages)
{
	int i, got = get_user_pages_fast(addr, n, 0, pages);

	for (i = 0; i < got; i++)
		if (!PageReserved(pages[i]))
			put_page(pages[i]);
	return got < 0 ? got : 0;
}

/* Twin: every page is put back. */
int zero_put_all(unsigned long addr, int n, struct page **pages)
{
	int i, got = get_user_pages_fast(addr, n, 0, pages);

	for (i = 0; i < got; i++)
		put_page(pages[i]);
	return got < 0 ? got : 0;
}

/* Bug: the zero page's pin is never dropped. */
int zero_pfn_skip(unsigned long addr, int n, struct page **pages)
{
	int i, got = pin_user_pages_fast(addr, n, 0, pages);

	for (i = 0; i < got; i++)
		if (!is_zero_pfn(page_to_pfn(pages[i])))
			unpin_user_page(pages[i]);
	return got < 0 ? got : 0;
}

/* Twin, the fix's shape: zero pages unpinned at once, the reserved test skips only them. */
int zero_unpinned_first(unsigned long addr, int n, struct page **pages)
{
	int i, got = pin_user_pages_fast(addr, n, 0, pages);

	for (i = 0; i < got; i++)
		if (is_zero_pfn(page_to_pfn(pages[i])))
			unpin_user_page(pages[i]);
	for (i = 0; i < got; i++)
		if (!PageReserved(pages[i]))
			unpin_user_page(pages[i]);
	return got < 0 ? got : 0;
}

/*
 * check-name: guarded-release: releases skipped by PageReserved and the zero pfn
 * check-plan-start
drivers/gupsign/zero.c:12:15: site: get_user_pages_fast() in zero_reserved_skip: pin -> pin_user_pages_fast [case 5]: the pages reach their callers, which gupcheck cannot follow: a pin is the safe choice
drivers/gupsign/zero.c:12:15: release: drivers/gupsign/zero.c:16:4: put_page() in zero_reserved_skip -> unpin_user_page if !PageReserved(pages[i])
drivers/gupsign/zero.c:16:4: error: put_page() is skipped by '!PageReserved(pages[i])' for pages from get_user_pages_fast() at drivers/gupsign/zero.c:12, which takes a reference on reserved (the zero page among them) pages too: they leak [guarded-release]
drivers/gupsign/zero.c:23:15: site: get_user_pages_fast() in zero_put_all: pin -> pin_user_pages_fast [case 5]: the pages reach their callers, which gupcheck cannot follow: a pin is the safe choice
drivers/gupsign/zero.c:23:15: release: drivers/gupsign/zero.c:26:3: put_page() in zero_put_all -> unpin_user_page
drivers/gupsign/zero.c:33:15: site: pin_user_pages_fast() in zero_pfn_skip: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupsign/zero.c:33:15: release: drivers/gupsign/zero.c:37:4: unpin_user_page() in zero_pfn_skip -> unpin_user_page if !is_zero_pfn(page_to_pfn(pages[i]))
drivers/gupsign/zero.c:37:4: error: unpin_user_page() is skipped by '!is_zero_pfn(page_to_pfn(pages[i]))' for pages from pin_user_pages_fast() at drivers/gupsign/zero.c:33, which takes a pin on zero pages too: they leak [guarded-release]
drivers/gupsign/zero.c:44:15: site: pin_user_pages_fast() in zero_unpinned_first: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupsign/zero.c:44:15: release: drivers/gupsign/zero.c:48:4: unpin_user_page() in zero_unpinned_first -> unpin_user_page if is_zero_pfn(page_to_pfn(pages[i]))
drivers/gupsign/zero.c:44:15: release: drivers/gupsign/zero.c:51:4: unpin_user_page() in zero_unpinned_first -> unpin_user_page if !PageReserved(pages[i])
 * check-plan-end
 */
