/* Test input for cocci/pin_user_pages.cocci guided: the plan pins lines 6 and 8, not line 7. */
static long test(struct mm_struct *mm, struct page **p, int n)
{
	long a, b, c;

	a = get_user_pages_fast(0, n, FOLL_WRITE, p);
	b = get_user_pages(0, n, 0, p, NULL);
	c = get_user_pages_remote(mm, 0, n, 0, p, NULL, NULL);
	return a + b + c;
}
