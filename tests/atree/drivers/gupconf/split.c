/*
 * Fixture: a call only the configuration whose facts the census does not keep compiles (issue
 * 17): both compile one acquire of the file, so its facts are x86's (given first).
 */
#include <linux/mm.h>
#include <linux/slab.h>

/* Bug where ARCH=foo builds it: a pin put. */
int split_a(unsigned long addr)
{
	struct page *page;

#ifdef CONFIG_FOO
	if (pin_user_pages_fast(addr, 1, 0, &page) != 1)
		return -EFAULT;
	put_page(page);
#endif
	return 0;
}

/* Silent: x86's, released right. */
int split_b(unsigned long addr)
{
	struct page *page;

#ifndef CONFIG_FOO
	if (pin_user_pages_fast(addr, 1, 0, &page) != 1)
		return -EFAULT;
	unpin_user_page(page);
#endif
	return 0;
}

/*
 * split_a's call is compiled by foo alone, whose facts of this file the census does not keep:
 * its site is not compiled there, and foo's wrong-release comes as config-disagreement.
 * check-plan-start
drivers/gupconf/split.c:14:6: site: pin_user_pages_fast(): unknown -> pin_user_pages_fast [not compiled]: x86: in a preprocessor branch disabled in this configuration (#ifdef CONFIG_FOO); foo: compiled there (its verdict: the compiled in line)
drivers/gupconf/split.c:14:6: compiled in: foo pin (wrong-release)
drivers/gupconf/split.c:14:6: warning: pin_user_pages_fast() is compiled only in configurations whose facts of this file the census does not keep, and they report it: foo pin (wrong-release) [config-disagreement]
drivers/gupconf/split.c:27:6: site: pin_user_pages_fast() in split_b: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupconf/split.c:27:6: release: drivers/gupconf/split.c:29:2: unpin_user_page() in split_b -> unpin_user_page
drivers/gupconf/split.c:27:6: compiled in: x86 pin
 * check-plan-end
 */
