/* Test input for cocci/put_user_page_unpin.cocci guided: only lines 9 and 10 are proved pins. */
static void test(struct page **pages, struct page **odp, unsigned long n, bool dirty)
{
	long got = get_user_pages(0, n, FOLL_WRITE, pages, NULL);

	if (got <= 0)
		return;
	if (dirty)
		put_user_pages_dirty_lock(pages, got, true);
	else put_user_pages(pages, got);
	put_user_page(odp[0]);
	put_user_pages(odp, n);
}
