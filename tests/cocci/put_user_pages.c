/* Test input for cocci/put_user_pages.cocci alone: a GUP array released, and one GUP did not fill. */
static void test(struct page **pages, struct page **cache, int n)
{
	long got = get_user_pages(0, n, FOLL_WRITE, pages, NULL);

	if (got > 0)
		release_pages(pages, got);
	release_pages(cache, n);
}
