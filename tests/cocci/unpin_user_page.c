/* Test input for cocci/unpin_user_page.cocci alone: pinned pages put, and a page that is not pinned. */
static int test(struct page **pages, int n, struct page *other)
{
	struct page *one;
	int i, got = pin_user_pages_fast(0, n, FOLL_WRITE, pages);

	for (i = 0; i < got; i++)
		put_page(pages[i]);
	if (pin_user_pages_fast(0, 1, FOLL_WRITE, &one) == 1)
		put_page(one);
	put_page(other);
	return got;
}
