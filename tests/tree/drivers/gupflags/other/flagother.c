/* Fixture: the only caller of flag_pin_local(), which is no wrapper: this file is not read. */
#include <linux/mm.h>
#include "../api/flagapi.h"

int flag_other_touch(unsigned long addr)
{
	return flag_pin_local(addr, FOLL_WRITE | FOLL_LONGTERM);
}
