/*
 * Fixture: dirty-missing.  Modeled on "xen/gntdev.c: Mark pages as dirty" (a FOLL_WRITE
 * reference put back without set_page_dirty_lock()) and on the *_dirty_lock(..., make_dirty)
 * releases that replaced set_page_dirty_lock() + put_page() loops.  Each buggy shape has a
 * silent twin.
 */
#include "gupsign.h"

/* Bug: the device writes the pages (FOLL_WRITE), the release forgets to dirty them. */
int dirty_forgotten(unsigned long addr, int n)
{
	struct page *pages[8];
	int got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (got <= 0)
		return -EFAULT;
	unpin_user_pages(pages, got);
	return 0;
}

/* Twin: released dirty. */
int dirty_released(unsigned long addr, int n)
{
	struct page *pages[8];
	int got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (got <= 0)
		return -EFAULT;
	unpin_user_pages_dirty_lock(pages, got, true);
	return 0;
}

/* Bug through a flags variable: FOLL_WRITE set where the variable is given its value. */
int dirty_flags_var(unsigned long addr, int n)
{
	struct page *pages[8];
	unsigned int gup_flags = FOLL_WRITE | FOLL_LONGTERM;
	int got = get_user_pages_fast(addr, n, gup_flags, pages);

	while (got > 0)
		put_page(pages[--got]);
	return 0;
}

/* Twin: written only when the caller reads from the device, dirtied by the same truth. */
int dirty_by_direction(unsigned long addr, int n, bool to_user)
{
	struct page *pages[8];
	unsigned int gup_flags = 0;
	int got;

	if (to_user)
		gup_flags |= FOLL_WRITE;
	got = pin_user_pages_fast(addr, n, gup_flags, pages);
	if (got <= 0)
		return -EFAULT;
	unpin_user_pages_dirty_lock(pages, got, to_user);
	return 0;
}

/* Twin: a reference dirtied by set_page_dirty_lock() before its put_page(). */
int dirty_locked_put(unsigned long addr)
{
	struct page *pages[8];

	if (get_user_pages_fast(addr, 1, FOLL_WRITE, pages) != 1)
		return -EFAULT;
	set_page_dirty_lock(pages[0]);
	put_page(pages[0]);
	return 0;
}

/* Twin: read only (no FOLL_WRITE), nothing to dirty. */
int dirty_read_only(unsigned long addr, int n)
{
	struct page *pages[8];
	int got = pin_user_pages_fast(addr, n, 0, pages);

	if (got <= 0)
		return -EFAULT;
	unpin_user_pages(pages, got);
	return 0;
}

/*
 * check-name: dirty-missing: write pins released clean, and their twins
 * check-plan-start
 * check-plan-end
 */
