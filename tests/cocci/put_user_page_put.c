/* Test input for cocci/put_user_page_put.cocci alone: it reports, it rewrites nothing. */
static void test(struct page **pages, unsigned long n)
{
	put_user_page(pages[0]);
	put_user_pages_dirty_lock(pages, n, true);
	put_page(pages[1]);
}
