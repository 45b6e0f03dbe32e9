/* Fixture: case 4 (struct-page-only) needs a use the walk sees that touches only struct page. */
#include <linux/mm.h>

int page_to_nid(struct page *page);
int PageHuge(struct page *page);

int pi_nid(unsigned long addr)
{
	struct page *page;
	int nid;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1)
		return -1;
	nid = PageHuge(page) ? -1 : page_to_nid(page);
	put_page(page);
	return nid;
}

/* nothing is seen done with the pages: no evidence, so a pin (and the leak is reported) */
int pi_nothing(unsigned long addr)
{
	struct page *page;

	return get_user_pages_fast(addr, 1, FOLL_WRITE, &page);
}

/*
 * check-name: struct-page-only needs positive evidence (issue 15.3)
 * check-plan-start
drivers/gupplan/inspect.c:12:6: site: get_user_pages_fast() in pi_nid: ref -> get_user_pages_fast [case 4]: the pages are only inspected as struct page (PageHuge()) and released
drivers/gupplan/inspect.c:12:6: release: drivers/gupplan/inspect.c:15:2: put_page() in pi_nid -> put_page
drivers/gupplan/inspect.c:24:9: site: get_user_pages_fast() in pi_nothing: pin -> pin_user_pages_fast [case 5]: nothing the walk sees uses the pages, so nothing shows they are only inspected as struct page: a pin is the safe choice
drivers/gupplan/inspect.c:24:9: error: pages get_user_pages_fast() took are still held at the exit at line 24 and neither released nor handed off (path: lines 20) [error-path-leak]
drivers/gupplan/inspect.c:24:9: error: pages taken by get_user_pages_fast() into &page reach no release on any path [unreleased]
 * check-plan-end
 */
