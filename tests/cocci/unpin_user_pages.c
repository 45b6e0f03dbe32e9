/* Test input for cocci/unpin_user_pages.cocci alone: a pinned array released, and one that is not pinned. */
static void test(struct page **pages, struct page **cache, int n)
{
	int got = pin_user_pages(0, n, FOLL_WRITE, pages, NULL);

	if (got > 0)
		release_pages(pages, got);
	release_pages(cache, n);
}
