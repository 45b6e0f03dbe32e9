/* Fixture: iov_iter sites of a tree with iov_iter_extract_pages(); which of them convert. */
#include <linux/uio.h>

struct x_req {
	struct page **pages;
	int npages;
};

ssize_t x_read(struct iov_iter *iter, bool dirty)
{
	struct page *array[16], **pages = array;
	size_t off;
	ssize_t got = iov_iter_get_pages2(iter, pages, 65536, 16, &off);
	int i, n;

	if (got <= 0)
		return got;
	n = (got + off + PAGE_SIZE - 1) / PAGE_SIZE;
	for (i = 0; i < n; i++) {
		char *p = kmap_local_page(pages[i]);

		p[0] = 0;
		kunmap_local(p);
		if (dirty)
			set_page_dirty_lock(pages[i]);
		put_page(pages[i]);
	}
	return got;
}

ssize_t x_write(struct iov_iter *from)
{
	struct page **pv;
	size_t start;
	ssize_t got, done = 0;

	while (iov_iter_count(from)) {
		got = iov_iter_get_pages_alloc2(from, &pv, 65536, &start);
		if (got < 0)
			return got;
		if (got > PAGE_SIZE - start)
			release_pages(pv, 2);
		else
			release_pages(pv, 1);
		kvfree(pv);
		done += got;
	}
	return done;
}

static void x_done(struct x_req *req)
{
	int i;

	for (i = 0; i < req->npages; i++)
		put_page(req->pages[i]);
}

int x_start(struct x_req *req, struct iov_iter *it)
{
	size_t off;
	ssize_t got = iov_iter_get_pages2(it, req->pages, 8192, 2, &off);

	if (got <= 0)
		return got;
	req->npages = 2;
	x_done(req);
	return 0;
}

ssize_t x_fixed(struct iov_iter *it)
{
	struct page *pa[2];
	size_t off;
	ssize_t got = iov_iter_get_pages2(it, pa, 8192, 2, &off);

	if (got > 0)
		put_page(pa[0]);
	return got;
}

/*
 * check-name: iov_iter sites where iov_iter_extract_pages() exists.  x_read and x_write
 * convert: their releases are in the function that extracts, under
 * iov_iter_extract_will_pin(iter).  x_start's release is in x_done(), where no iterator is in
 * view: it stays.  x_fixed's array is an array, not a pointer that can be passed as &pages:
 * spatch finds no form, the site is dropped from the series.
 * check-plan-start
drivers/gupx/extract.c:13:16: site: iov_iter_get_pages2() in x_read: pin -> iov_iter_extract_pages [case 1]: iov_iter pages are taken for one I/O (direct IO)
drivers/gupx/extract.c:13:16: release: drivers/gupx/extract.c:26:3: put_page() in x_read -> unpin_user_page
drivers/gupx/extract.c:13:16: dirty: drivers/gupx/extract.c:25:4: set_page_dirty_lock() in x_read if dirty
drivers/gupx/extract.c:38:9: site: iov_iter_get_pages_alloc2() in x_write: pin -> iov_iter_extract_pages [case 1]: iov_iter pages are taken for one I/O (direct IO)
drivers/gupx/extract.c:38:9: release: drivers/gupx/extract.c:42:4: release_pages() in x_write -> unpin_user_pages if got > PAGE_SIZE - start
drivers/gupx/extract.c:38:9: release: drivers/gupx/extract.c:44:4: release_pages() in x_write -> unpin_user_pages if !(got > PAGE_SIZE - start)
drivers/gupx/extract.c:62:16: site: iov_iter_get_pages2() in x_start: pin -> iov_iter_extract_pages [case 1]: iov_iter pages are taken for one I/O (direct IO)
drivers/gupx/extract.c:62:16: release: drivers/gupx/extract.c:56:3: put_page() in x_done -> unpin_user_page via field struct x_req.pages
drivers/gupx/extract.c:75:16: site: iov_iter_get_pages2() in x_fixed: pin -> iov_iter_extract_pages [case 1]: iov_iter pages are taken for one I/O (direct IO)
drivers/gupx/extract.c:75:16: release: drivers/gupx/extract.c:78:3: put_page() in x_fixed -> unpin_user_page if got > 0
 * check-plan-end
 */
