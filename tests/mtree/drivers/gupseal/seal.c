/*
 * Fixture: result-unsigned reads a result's comparisons from a goto's label on only when the
 * goto follows the store's own statement; an if or a loop that holds the store, its tests and
 * its release, followed by a return, keeps them.
 */
#include <linux/mm.h>
#include <linux/slab.h>

/* Silent: stored unsigned, but tested for < 0 (as a long) in the block that stores it. */
int seal_block(unsigned long addr, int nr, struct page **pages, int x)
{
	unsigned long got;

	if (x) {
		got = pin_user_pages_fast(addr, nr, 0, pages);
		if ((long)got < 0)
			return -EFAULT;
		unpin_user_pages(pages, got);
	}
	return 0;
}

/* Bug: in a loop that a return follows, a long result against an unsigned long count. */
int seal_loop(unsigned long addr, unsigned long nr, struct page **pages, int x)
{
	long ret;

	while (x--) {
		ret = pin_user_pages(addr, nr, 0, pages, NULL);
		if (ret < nr) {
			if (ret > 0)
				unpin_user_pages(pages, ret);
			return -EFAULT;
		}
		unpin_user_pages(pages, ret);
	}
	return 0;
}

/*
 * check-name: result-unsigned around a block a return follows
 * check-plan-start
drivers/gupseal/seal.c:15:9: site: pin_user_pages_fast() in seal_block: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupseal/seal.c:15:9: release: drivers/gupseal/seal.c:18:3: unpin_user_pages() in seal_block -> unpin_user_pages if x
drivers/gupseal/seal.c:29:9: site: pin_user_pages() in seal_loop: pin -> pin_user_pages [as written]: already a pin
drivers/gupseal/seal.c:29:9: release: drivers/gupseal/seal.c:32:5: unpin_user_pages() in seal_loop -> unpin_user_pages if ret > 0
drivers/gupseal/seal.c:29:9: release: drivers/gupseal/seal.c:35:3: unpin_user_pages() in seal_loop -> unpin_user_pages
drivers/gupseal/seal.c:29:9: error: the result of pin_user_pages(), in ret is compared as unsigned at line 30 (ret < nr) before any test for < 0: a negative error passes as a large count [result-unsigned]
 * check-plan-end
 */
