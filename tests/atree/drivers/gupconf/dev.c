/*
 * Fixture: a driver both configurations build (issue 17): one site they judge alike, one whose
 * release differs by ARCH, so that x86's build puts a pin.
 */
#include <linux/mm.h>
#include <linux/slab.h>

/* Silent in both: pinned and unpinned. */
int dev_both(unsigned long addr)
{
	struct page *page;

	if (pin_user_pages_fast(addr, 1, 0, &page) != 1)
		return -EFAULT;
	unpin_user_page(page);
	return 0;
}

/* Bug on x86 only: the configurations build different releases. */
int dev_split(unsigned long addr)
{
	struct page *page;

	if (pin_user_pages_fast(addr, 1, 0, &page) != 1)
		return -EFAULT;
#ifdef CONFIG_FOO
	unpin_user_page(page);
#else
	put_page(page);
#endif
	return 0;
}

/*
 * Both configurations compile both sites.  dev_split's facts are x86's (the two compile as many
 * acquires, and x86 is given first), whose put_page() is a wrong release; foo's build releases
 * right, so the two disagree, and say so.
 * check-plan-start
drivers/gupconf/dev.c:13:6: site: pin_user_pages_fast() in dev_both: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupconf/dev.c:13:6: release: drivers/gupconf/dev.c:15:2: unpin_user_page() in dev_both -> unpin_user_page
drivers/gupconf/dev.c:13:6: compiled in: x86 pin, foo pin
drivers/gupconf/dev.c:24:6: site: pin_user_pages_fast() in dev_split: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupconf/dev.c:24:6: release: drivers/gupconf/dev.c:29:2: put_page() in dev_split -> unpin_user_page
drivers/gupconf/dev.c:24:6: compiled in: x86 pin (wrong-release), foo pin
drivers/gupconf/dev.c:24:6: warning: the configurations that compile pin_user_pages_fast() disagree: x86 pin (wrong-release), foo pin [config-disagreement]
drivers/gupconf/dev.c:29:2: error: put_page() releases pages pinned by pin_user_pages_fast() at drivers/gupconf/dev.c:24: pins are released by unpin_user_page*() [wrong-release]
 * check-plan-end
 */
