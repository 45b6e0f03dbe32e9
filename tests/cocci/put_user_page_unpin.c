/* Test input for cocci/put_user_page_unpin.cocci alone: every v5.2-v5.5 release is renamed. */
static void one(struct page *page)
{
	put_user_page(page);
}

static void many(struct page **pages, unsigned long n, bool dirty)
{
	put_user_pages(pages, n);
	put_user_pages_dirty_lock(pages, n, dirty && n > 1);
}

/* v5.2-v5.3: the two-argument forms dirty every page */
static void old(struct page **pages, unsigned long n)
{
	put_user_pages_dirty_lock(pages, n);
	put_user_pages_dirty(pages, n);
	put_page(pages[0]);
}
