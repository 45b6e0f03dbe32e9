/* Test input for cocci/foll_longterm.cocci alone: get_user_pages_longterm() becomes the flag. */
static long test(struct page **p, int n)
{
	long a = get_user_pages_longterm(0, n, FOLL_WRITE, p, NULL);
	long b = pin_user_pages_fast(0, n, FOLL_WRITE, p);

	return a + b;
}
