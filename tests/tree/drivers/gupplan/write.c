/* Fixture: a truth value is right where the declared parameter is "int write". */
#include <linux/mm.h>

int plan_old_write(unsigned long addr, struct page **pages, bool writable)
{
	return __get_user_pages_fast(addr, 1, writable, pages);
}

/*
 * check-name: no write-literal finding where the parameter is "int write"
 * (the pages go back to the caller: unknown)
 * check-plan-start
drivers/gupplan/write.c:6:9: site: __get_user_pages_fast() in plan_old_write: unknown -> __get_user_pages_fast [returned]: the pages are handed to callers outside the files read
 * check-plan-end
 */
