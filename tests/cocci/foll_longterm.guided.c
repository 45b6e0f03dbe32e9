/* Test input for cocci/foll_longterm.cocci guided: lines 6 and 8 are long-term, line 7 not. */
static long test(struct mm_struct *mm, struct page **p, int n)
{
	long a, b, c;

	a = pin_user_pages_fast(0, n, 0, p);
	b = pin_user_pages(0, n, 0, p, NULL);
	c = pin_user_pages_unlocked(0, n, p, 0);
	return a + b + c;
}
