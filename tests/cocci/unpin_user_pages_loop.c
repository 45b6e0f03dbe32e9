/* Test input for cocci/unpin_user_pages_loop.cocci alone: loops of unpin_user_page() whose count cannot be negative collapse; put_page() loops and a count that may be negative stay; k, left unused, goes with its initializer. */
static void test(struct page **p, int n, bool dirty, unsigned int m)
{
	int i;
	unsigned int k = 0;

	for (k = 0; k < m; k++) {
		if (dirty)
			set_page_dirty_lock(p[k]);
		unpin_user_page(p[k]);
	}
	for (i = 0; i < n; i++)
		unpin_user_page(p[i]);
	if (n < 0)
		return;
	for (i = 0; i < n; i++)
		unpin_user_page(p[i]);
	for (i = 0; i < n; i++)
		put_page(p[i]);
}
