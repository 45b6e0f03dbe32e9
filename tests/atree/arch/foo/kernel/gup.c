/* Fixture: arch/foo's own code, compiled only in the foo configuration (issue 17). */
#include <linux/mm.h>
#include <linux/slab.h>

/* Bug: a pin put with put_page(), seen only where ARCH=foo is built. */
int foo_touch(unsigned long addr)
{
	struct page *page;

	if (pin_user_pages_fast(addr, 1, 0, &page) != 1)
		return -EFAULT;
	put_page(page);
	return 0;
}

/*
 * Only the foo configuration compiles it, and only there is its wrong release found.
 * check-plan-start
arch/foo/kernel/gup.c:10:6: site: pin_user_pages_fast() in foo_touch: pin -> pin_user_pages_fast [as written]: already a pin
arch/foo/kernel/gup.c:10:6: release: arch/foo/kernel/gup.c:12:2: put_page() in foo_touch -> unpin_user_page
arch/foo/kernel/gup.c:10:6: compiled in: foo pin (wrong-release)
arch/foo/kernel/gup.c:12:2: error: put_page() releases pages pinned by pin_user_pages_fast() at arch/foo/kernel/gup.c:10: pins are released by unpin_user_page*() [wrong-release]
 * check-plan-end
 */
