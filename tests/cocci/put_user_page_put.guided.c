/* Test input for cocci/put_user_page_put.cocci guided: lines 8 and 9 release references. */
static void test(struct page **odp, struct page **pinned, unsigned long n)
{
	long got = get_user_pages_remote(NULL, NULL, 0, n, 0, odp, NULL, NULL);

	if (got <= 0)
		return;
	put_user_page(odp[0]);
	put_user_pages(&odp[1], got - 1);
	put_user_pages_dirty_lock(pinned, n, true);
	put_user_page(pinned[0]);
}
