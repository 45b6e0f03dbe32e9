/*
 * Fixture: an int local that only holds 0 or 1 is a flag (9p's p9_get_mapped_pages() sets
 * need_drop through its address: user pages are taken, kernel pages are only looked up).
 */
#include <linux/mm.h>
#include <linux/slab.h>

struct page *alloc_page(unsigned int gfp);

static int fl_get(unsigned long addr, int n, struct page **pages, int *need_drop)
{
	int i;

	if (addr) {
		*need_drop = 1;
		return get_user_pages_fast(addr, n, FOLL_WRITE, pages);
	}
	for (i = 0; i < n; i++)
		pages[i] = alloc_page(0);
	*need_drop = 0;
	return n;
}

static void fl_put(struct page **pages, int n)
{
	int i;

	for (i = 0; i < n; i++)
		put_page(pages[i]);
}

int fl_io(unsigned long addr, struct page **pages, int n)
{
	int need_drop = 0;
	int got = fl_get(addr, n, pages, &need_drop);

	if (got <= 0)
		return got;
	if (need_drop) {
		if (got > 1)
			fl_put(pages, got);
		else
			fl_put(pages, 1);
	}
	return 0;
}

/* The twin: the release is picked by the count, which both kinds of pages have. */
static int fc_get(unsigned long addr, int n, struct page **pages)
{
	int i;

	if (addr)
		return get_user_pages_fast(addr, n, FOLL_WRITE, pages);
	for (i = 0; i < n; i++)
		pages[i] = alloc_page(0);
	return n;
}

static void fc_put(struct page **pages, int n)
{
	int i;

	for (i = 0; i < n; i++)
		put_page(pages[i]);
}

int fc_io(unsigned long addr, struct page **pages, int n)
{
	int got = fc_get(addr, n, pages);

	if (got > 0)
		fc_put(pages, got);
	return 0;
}

/*
 * fl_get()'s pins and its allocated pages both reach fl_put()'s put_page(), but fl_io() calls
 * it only under need_drop, an int local that holds only 0 and 1 (set through its address): a
 * flag, so the release is picked by the pages' kind; each of its two calls also sits in an arm
 * of its own of a count test, which the two do not share.  No finding.  fc_io() picks fc_put() by
 * the count, "got > 0", which the allocated pages pass too: mixed-origin at fc_put()'s
 * put_page(), naming the pin's branch.  Both sites' pages come from their callers' arrays
 * (fl_io() and fc_io() are not static): a pin, the safe choice.
 *
 * check-plan-start
drivers/gupmix/flag.c:16:10: site: get_user_pages_fast() in fl_get: pin -> pin_user_pages_fast [case 5]: the pages reach their callers, which gupcheck cannot follow: a pin is the safe choice
drivers/gupmix/flag.c:16:10: release: drivers/gupmix/flag.c:29:3: put_page() in fl_put -> unpin_user_page via fl_put
drivers/gupmix/flag.c:54:10: site: get_user_pages_fast() in fc_get: pin -> pin_user_pages_fast [case 5]: the pages reach their callers, which gupcheck cannot follow: a pin is the safe choice
drivers/gupmix/flag.c:54:10: release: drivers/gupmix/flag.c:65:3: put_page() in fc_put -> unpin_user_page via fc_put
drivers/gupmix/flag.c:65:3: warning: put_page() releases pages of get_user_pages_fast() at drivers/gupmix/flag.c:54 if addr and pages of alloc_page() at drivers/gupmix/flag.c:56, which GUP did not take, with no branch or flag between them: both are references today, but the GUP pages cannot become pins until a branch or a flag tells the two kinds apart [mixed-origin]
 * check-plan-end
 */
