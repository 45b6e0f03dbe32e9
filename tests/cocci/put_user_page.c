/* Test input for cocci/put_user_page.cocci alone: GUP pages put, and a page GUP did not take. */
static int test(struct page **pages, int n, struct page *other)
{
	struct page *one;
	int i, got = get_user_pages_fast(0, n, FOLL_WRITE, pages);

	for (i = 0; i < got; i++)
		put_page(pages[i]);
	if (get_user_pages_fast(0, 1, FOLL_WRITE, &one) == 1)
		put_page(one);
	put_page(other);
	return got;
}
