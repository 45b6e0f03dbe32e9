/* Fixture: a file neither configuration builds (CONFIG_GUPCONF_NEVER is set in none). */
#include <linux/mm.h>

int never_touch(unsigned long addr, struct page **pages)
{
	return get_user_pages_fast(addr, 1, 0, pages);
}

/*
 * Parsed in both, built in neither: the Makefile's symbol needs BAR (Kconfig), set in none.
 * check-plan-start
drivers/gupconf/never.c:6:9: site: get_user_pages_fast() in never_touch: unknown -> get_user_pages_fast [not compiled]: x86, foo: the file is not built in this configuration (its Makefile line needs CONFIG_GUPCONF_NEVER); CONFIG_GUPCONF_NEVER is set in no configuration (drivers/gupconf/Kconfig: depends on GUPCONF && BAR)
 * check-plan-end
 */
