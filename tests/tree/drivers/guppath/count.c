/*
 * Fixture: release-count, each shape with its correct twin.  Modeled on the shape of
 * "rapidio: fix an error in get_user_pages_fast() error handling" (the error path released
 * the requested number of pages, and a negative result was used as a count), read, not copied.
 */
#include <linux/mm.h>
#include <linux/slab.h>

long requested(unsigned long addr, int nr, struct page **pages)
{
	long got = get_user_pages_fast(addr, nr, FOLL_WRITE, pages);

	if (got < nr) {
		for (int i = 0; i < nr; i++)
			put_page(pages[i]);
		return -EFAULT;
	}
	return got;
}

long requested_twin(unsigned long addr, int nr, struct page **pages)
{
	long got = get_user_pages_fast(addr, nr, FOLL_WRITE, pages);

	if (got < nr) {
		for (int i = 0; i < got; i++)
			put_page(pages[i]);
		return -EFAULT;
	}
	return got;
}

int negative(unsigned long addr, int nr, struct page **pages)
{
	int pinned = pin_user_pages_fast(addr, nr, 0, pages);

	if (pinned != nr) {
		unpin_user_pages(pages, pinned);
		return -EFAULT;
	}
	return 0;
}

int negative_twin(unsigned long addr, int nr, struct page **pages)
{
	int pinned = pin_user_pages_fast(addr, nr, 0, pages);

	if (pinned != nr) {
		if (pinned > 0)
			unpin_user_pages(pages, pinned);
		return -EFAULT;
	}
	return 0;
}

/*
 * check-name: the path walk's release counts
 * check-plan-start
drivers/guppath/count.c:11:13: site: get_user_pages_fast() in requested: pin -> pin_user_pages_fast [case 5]: the pages reach their callers, which gupcheck cannot follow: a pin is the safe choice
drivers/guppath/count.c:11:13: release: drivers/guppath/count.c:15:4: put_page() in requested -> unpin_user_page if got < nr
drivers/guppath/count.c:15:4: error: the release at line 15 covers nr pages, the count asked of get_user_pages_fast() at line 11, on a path where it may have taken fewer (path: lines 9,13,15) [release-count]
drivers/guppath/count.c:23:13: site: get_user_pages_fast() in requested_twin: pin -> pin_user_pages_fast [case 5]: the pages reach their callers, which gupcheck cannot follow: a pin is the safe choice
drivers/guppath/count.c:23:13: release: drivers/guppath/count.c:27:4: put_page() in requested_twin -> unpin_user_page if got < nr
drivers/guppath/count.c:35:15: site: pin_user_pages_fast() in negative: pin -> pin_user_pages_fast [as written]: already a pin
drivers/guppath/count.c:35:15: release: drivers/guppath/count.c:38:3: unpin_user_pages() in negative -> unpin_user_pages if pinned != nr
drivers/guppath/count.c:38:3: error: the release at line 38 takes pinned, the result of pin_user_pages_fast() at line 35, as its count on a path where it may be a negative error (path: lines 33,37) [release-count]
drivers/guppath/count.c:46:15: site: pin_user_pages_fast() in negative_twin: pin -> pin_user_pages_fast [as written]: already a pin
drivers/guppath/count.c:46:15: release: drivers/guppath/count.c:50:4: unpin_user_pages() in negative_twin -> unpin_user_pages if pinned > 0
 * check-plan-end
 */
