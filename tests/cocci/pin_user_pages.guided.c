/* Test input for cocci/pin_user_pages.cocci guided: the plan pins lines 6, 8, 9 and 10, not line 7; FOLL_GET goes. */
static long test(struct mm_struct *mm, struct page **p, int n)
{
	long a, b, c, d, e;

	a = get_user_pages_fast(0, n, FOLL_WRITE, p);
	b = get_user_pages(0, n, 0, p, NULL);
	c = get_user_pages_remote(mm, 0, n, 0, p, NULL, NULL);
	d = get_user_pages_unlocked(0, n, p, FOLL_GET | FOLL_LONGTERM);
	e = get_user_pages_unlocked(0, n, p, FOLL_GET);
	return a + b + c + d + e;
}
