/* Fixture: arch/bar's code: no build folder of the fixture is for ARCH=bar (issue 17). */
#include <linux/mm.h>

int bar_touch(unsigned long addr, struct page **pages)
{
	return get_user_pages_fast(addr, 1, 0, pages);
}

/*
 * scan tests/atree --build tests/atree-build/x86 --build tests/atree-build/foo: neither
 * configuration is for ARCH=bar, so the call is known from the lexical census only.
 * check-plan-start
arch/bar/mm/gup.c:6:9: site: get_user_pages_fast(): unknown -> get_user_pages_fast [not compiled]: arch/bar is the ARCH of no configuration (x86, foo)
 * check-plan-end
 */
