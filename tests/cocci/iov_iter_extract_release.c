/* Test input for cocci/iov_iter_extract_release.cocci alone: releases of the extracted array only, and not one whose argument changes n. */
static void one(struct iov_iter *it, struct page **pv, struct page *other)
{
	size_t off;
	ssize_t n = iov_iter_extract_pages(it, &pv, 8192, 2, 0, &off);

	if (n > 4096)
		release_pages(pv, 2);
	else if (n > 0)
		put_page(pv[0]);
	put_page(other);
}

static void two(struct iov_iter *it, struct page **pv, int n)
{
	size_t off;

	iov_iter_extract_pages(it, &pv, 8192, 2, 0, &off);
	while (n > 0)
		put_page(pv[--n]);
}
