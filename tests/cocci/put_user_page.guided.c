/* Test input for cocci/put_user_page.cocci guided: only line 10 is proved, though line 8 matches. */
static int test(struct page **pages, int n, struct page *other)
{
	struct page *one;
	int i, got = get_user_pages_fast(0, n, FOLL_WRITE, pages);

	for (i = 0; i < got; i++)
		put_page(pages[i]);
	if (get_page_somehow(&one))
		put_page(one);
	return got;
}
