/* Test input for cocci/put_user_pages_loop.cocci guided: the plan converts the put_page() of lines 12, 21, 25 and 29, not 31; a count that may be negative (line 28) keeps its loop. */
static int test(struct page **p, int n, bool dirty, struct page **q, unsigned long m)
{
	int i;

	while (n) {
		unsigned j, len;

		for (j = 0; j < m; j++) {
			if (dirty)
				set_page_dirty(p[j]);
			put_page(p[j]);
		}
		len = n;
		n -= len;
	}
	if (n <= 0)
		return n;
	for (i = 0; i < n; i++) {
		set_page_dirty_lock(p[i]);
		put_page(p[i]);
	}
	if (n > 0) {
		for (i = 0; i < n; i++)
			put_page(q[i]);
	}
	n = dirty;
	for (i = 0; i < n; i++)
		put_page(q[i]);
	for (i = 0; i < n; i++)
		put_page(p[i]);
	return 0;
}
