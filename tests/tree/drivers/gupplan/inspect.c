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

int pi_write_user(unsigned long addr, unsigned long val);
struct mm_struct;
struct vm_area_struct;
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);

/*
 * The page is held for writing across a call that receives its user address: that call
 * reaches the data the reference keeps in place (issue 15.3), so this is no case 4.
 */
int pi_store(unsigned long addr, unsigned long val)
{
	struct page *page;
	int ret;

	if (get_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1)
		return -1;
	ret = pi_write_user(addr, val);
	put_page(page);
	return ret;
}

/* Twin: the address reaches the call only after the release; nothing is held across it. */
int pi_store_after(unsigned long addr, unsigned long val)
{
	struct page *page;
	int nid;

	if (get_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1)
		return -1;
	nid = page_to_nid(page);
	put_page(page);
	return pi_write_user(addr, val) ? -1 : nid;
}

/* Twin: find_vma() takes the address and reaches no data there (kernel.def ADDR_ONLY). */
int pi_vma(unsigned long addr)
{
	struct page *page;
	int nid;

	if (get_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1)
		return -1;
	nid = find_vma(0, addr) ? page_to_nid(page) : -1;
	put_page(page);
	return nid;
}

/*
 * check-name: struct-page-only needs positive evidence, and no write through the user address while held (issue 15.3)
 * check-plan-start
drivers/gupplan/inspect.c:12:6: site: get_user_pages_fast() in pi_nid: ref -> get_user_pages_fast [case 4]: the pages are only inspected as struct page (PageHuge()) and released
drivers/gupplan/inspect.c:12:6: release: drivers/gupplan/inspect.c:15:2: put_page() in pi_nid -> put_page
drivers/gupplan/inspect.c:24:9: site: get_user_pages_fast() in pi_nothing: pin -> pin_user_pages_fast [case 5]: nothing the walk sees uses the pages, so nothing shows they are only inspected as struct page: a pin is the safe choice
drivers/gupplan/inspect.c:24:9: error: pages get_user_pages_fast() took are still held at the exit at line 24 and neither released nor handed off (path: lines 20) [error-path-leak]
drivers/gupplan/inspect.c:24:9: error: pages taken by get_user_pages_fast() into &page reach no release on any path [unreleased]
drivers/gupplan/inspect.c:41:6: site: get_user_pages_fast() in pi_store: pin -> pin_user_pages_fast [case 5]: the pages are held for writing across pi_write_user() (line 43), which receives their user address addr: their data is used
drivers/gupplan/inspect.c:41:6: release: drivers/gupplan/inspect.c:44:2: put_page() in pi_store -> unpin_user_page
drivers/gupplan/inspect.c:54:6: site: get_user_pages_fast() in pi_store_after: ref -> get_user_pages_fast [case 4]: the pages are only inspected as struct page (page_to_nid()) and released
drivers/gupplan/inspect.c:54:6: release: drivers/gupplan/inspect.c:57:2: put_page() in pi_store_after -> put_page
drivers/gupplan/inspect.c:67:6: site: get_user_pages_fast() in pi_vma: ref -> get_user_pages_fast [case 4]: the pages are only inspected as struct page (page_to_nid()) and released
drivers/gupplan/inspect.c:67:6: release: drivers/gupplan/inspect.c:70:2: put_page() in pi_vma -> put_page
 * check-plan-end
 */
