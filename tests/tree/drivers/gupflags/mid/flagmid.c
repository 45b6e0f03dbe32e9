/* Fixture: a wrapper of a wrapper: it adds FOLL_LONGTERM to its callers' flags. */
#include <linux/mm.h>
#include "../api/flagapi.h"

int flag_get_longterm(unsigned long addr, int n, unsigned int flags, struct page **pages)
{
	return flag_get_pages(addr, n, flags | FOLL_LONGTERM, pages);
}
