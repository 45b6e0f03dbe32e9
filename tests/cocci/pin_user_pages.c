/* Test input for cocci/pin_user_pages.cocci alone: an array released as pins, one as references. */
static int test(struct page **pages, struct page **other, int n)
{
	int got = get_user_pages_fast(0, n, FOLL_WRITE, pages);
	long more = get_user_pages(0, n, 0, other, NULL);

	if (got > 0)
		unpin_user_pages(pages, got);
	release_pages(other, more);
	return got;
}
