/* Test input for cocci/iov_iter_extract_release.cocci guided: line 8 is proved, line 9 matches too; line 14 is in a function that extracts nothing. */
static void one(struct iov_iter *it, struct page **pv)
{
	size_t off;
	ssize_t n = iov_iter_extract_pages(it, &pv, 8192, 2, 0, &off);

	if (n > 0)
		put_page(pv[0]);
	put_page(pv[1]);
}

static void two(struct page **pv)
{
	put_page(pv[0]);
}
