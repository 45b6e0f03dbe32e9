/* Fixture: a file its Makefile does not build in this configuration. */
#include <linux/mm.h>

int off(unsigned long addr, struct page **pages)
{
	return get_user_pages_fast(addr, 2, FOLL_WRITE, pages);
}

/*
 * check-name: calls in a file that is not built are not compiled
 * check-output-start
drivers/gupfix/off.c:6:9: acquire get_user_pages_fast; in=off; pages=pages; to=param:pages; count=2; flags=FOLL_WRITE; resolved=FOLL_WRITE; seen=clang; compiled=no; note=the file is not built in this configuration (its Makefile line needs CONFIG_GUPFIX_OFF)
 * check-output-end
 */
