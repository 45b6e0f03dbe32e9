/* Test input for cocci/write_flag.cocci guided: only line 5 was found by the write-literal check. */
static int test(unsigned long addr, struct page **p, int n)
{
	int a = get_user_pages_fast(addr, 1, 1, p);
	int b = get_user_pages_fast(addr, n, !n, p);

	return a + b;
}
