/* Test input for cocci/write_flag.cocci alone: 1 and a comparison as gup_flags; int write stays. */
static int test(unsigned long addr, struct page **p, int dir, int n)
{
	int a = get_user_pages_fast(addr, 1, 1, p);
	int b = pin_user_pages_fast(addr, n, dir == 2, p);
	int c = __get_user_pages_fast(addr, 1, 1, p);

	return a + b + c;
}
