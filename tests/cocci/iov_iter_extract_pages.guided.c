/* Test input for cocci/iov_iter_extract_pages.cocci guided: lines 6 and 16 are proved, line 7 matches too. */
static ssize_t one(struct iov_iter *it, struct page **pv, struct page **pw)
{
	size_t off;

	if (iov_iter_get_pages2(it, pv, 8192, 2, &off) <= 0)
		return iov_iter_get_pages2(it, pw, 8192, 2, &off);
	return 0;
}

static ssize_t two(struct iov_iter *it, struct page **pv)
{
	ssize_t n;
	size_t off;

	n = iov_iter_get_pages_alloc2(it, &pv, 8192, &off);
	return n;
}
