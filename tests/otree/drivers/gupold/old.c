/* Fixture: a driver written against v5.4's put_user_page*(), converted with --api=pin. */
#include <linux/mm.h>

void old_hand_over(struct page **pages, long n);

/* The data is used for one copy (case 5): a pin; put_user_pages_dirty_lock() its unpin. */
int old_copy(unsigned long addr, unsigned long n, bool dirty)
{
	struct page *pages[16];
	long got = get_user_pages_fast(addr, n, FOLL_WRITE, pages);
	char *p;

	if (got <= 0)
		return -1;
	p = kmap(pages[0]);
	p[0] = 1;
	kunmap(pages[0]);
	put_user_pages_dirty_lock(pages, got, dirty);
	return 0;
}

/* One page by its address: put_user_page() becomes unpin_user_page(). */
int old_one(unsigned long addr)
{
	struct page *page;
	char *p;

	if (get_user_pages(addr, 1, FOLL_WRITE, &page, NULL) != 1)
		return -1;
	p = kmap(page);
	p[0] = 1;
	kunmap(page);
	put_user_page(page);
	return 0;
}

/* v5.2-v5.3's put_user_pages_dirty(pages, n) dirties every page: the unpin says true. */
int old_dirty(unsigned long addr, unsigned long n)
{
	struct page *pages[16];
	long got = get_user_pages_fast(addr, n, FOLL_WRITE, pages);
	char *p;

	if (got <= 0)
		return -1;
	p = kmap(pages[0]);
	p[0] = 1;
	kunmap(pages[0]);
	put_user_pages_dirty(pages, got);
	return 0;
}

/*
 * The pages reach a function gupcheck cannot see: the site stays get_user_pages_fast(), a
 * reference, and its put_user_pages() becomes release_pages().
 */
int old_submit(unsigned long addr, unsigned long n)
{
	struct page *pages[16];
	long got = get_user_pages_fast(addr, n, 0, pages);

	if (got <= 0)
		return -1;
	old_hand_over(pages, got);
	put_user_pages(pages, got);
	return 0;
}

/*
 * The same with put_user_pages_dirty_lock(), which has no reference form in v5.6+: the
 * release keeps its name, and stays.txt says so.
 */
int old_keep(unsigned long addr, unsigned long n)
{
	struct page *pages[16];
	long got = get_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (got <= 0)
		return -1;
	old_hand_over(pages, got);
	put_user_pages_dirty_lock(pages, got, true);
	return 0;
}
