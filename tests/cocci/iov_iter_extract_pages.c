/* Test input for cocci/iov_iter_extract_pages.cocci alone: the pointer array calls change, the fixed array stays. */
static ssize_t one(struct iov_iter *it, struct page **pv)
{
	size_t off;

	return iov_iter_get_pages2(it, pv, 8192, 2, &off);
}

static ssize_t two(struct iov_iter *it)
{
	struct page **pv;
	size_t off;
	ssize_t n;

	n = iov_iter_get_pages_alloc2(it, &pv, 8192, &off);
	kvfree(pv);
	return n;
}

static ssize_t three(struct iov_iter *it)
{
	struct page *pa[2];
	size_t off;

	return iov_iter_get_pages2(it, pa, 8192, 2, &off);
}
