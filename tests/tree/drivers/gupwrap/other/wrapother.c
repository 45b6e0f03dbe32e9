/* Fixture: the only caller of wrap_keep_pages(), which is no wrapper: this file is not read. */
#include "../api/wrapapi.h"

int wrap_other_fill(struct wrap_keep *k, unsigned long addr)
{
	return wrap_keep_pages(k, addr);
}
