/* Fixture: a driver's own function that happens to be called pin_user_pages is not GUP. */
struct page;

static long pin_user_pages(unsigned long start, int n, struct page **pages)
{
	pages[0] = 0;
	return n + (long)start;
}

long plan_names_local(unsigned long addr, struct page **pages)
{
	return pin_user_pages(addr, 4, pages);
}

/*
 * check-name: a local function named pin_user_pages() makes no site
 * check-plan-start
 * check-plan-end
 */
