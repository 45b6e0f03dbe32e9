/* Fixture: user pages go into bios here; the completions are set here and defined in endio.c. */
#include <linux/mm.h>
#include <linux/bio.h>
#include "gupbio.h"

/* Pinned pages, and a completion that puts them (through a helper): wrong release. */
int plan_bio_pin(struct bio *bio, unsigned long addr, struct page **pages, int n)
{
	int got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages), i;

	for (i = 0; i < got; i++)
		bio_add_page(bio, pages[i], 4096, 0);
	bio->bi_end_io = plan_bio_pin_end_io;
	submit_bio(bio);
	return got;
}

/* A user page and a page-cache page in one bio: the completion receives both. */
int plan_bio_mixed(struct bio *bio, unsigned long addr, struct address_space *mapping)
{
	struct page *user, *cached;

	if (get_user_pages_fast(addr, 1, 0, &user) != 1)
		return -1;
	cached = find_get_page(mapping, 0);
	bio_add_page(bio, user, 4096, 0);
	bio_add_page(bio, cached, 4096, 0);
	bio->bi_end_io = plan_bio_mixed_end_io;
	submit_bio(bio);
	return 0;
}

/* Pinned pages and ZERO_PAGE in one bio, whose completion unpins every page. */
int plan_bio_zero(struct bio *bio, unsigned long addr, struct page **pages)
{
	if (pin_user_pages_fast(addr, 1, FOLL_WRITE, pages) != 1)
		return -1;
	bio_add_page(bio, pages[0], 4096, 0);
	bio_add_page(bio, ZERO_PAGE(0), 4096, 0);
	bio->bi_end_io = plan_bio_zero_end_io;
	submit_bio(bio);
	return 0;
}

/* A completion that releases nothing, and nobody else does either. */
int plan_bio_leak(struct bio *bio, unsigned long addr)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1)
		return -1;
	bio_add_page(bio, page, 4096, 0);
	bio->bi_end_io = plan_bio_quiet_end_io;
	submit_bio(bio);
	return 0;
}

/* Referenced pages released by bio_release_pages(): balanced. */
int plan_bio_ref(struct bio *bio, unsigned long addr, struct page **pages)
{
	if (get_user_pages_fast(addr, 2, 0, pages) != 2)
		return -1;
	bio_add_page(bio, pages[0], 4096, 0);
	bio_add_page(bio, pages[1], 4096, 0);
	bio->bi_end_io = plan_bio_ref_end_io;
	submit_bio(bio);
	return 0;
}

/* A completion that is not bi_end_io: a callback stored in the request that keeps the pages. */
struct plan_req {
	struct page **pages;
	int n;
	void (*done)(struct plan_req *req);
};

static void plan_req_done(struct plan_req *req)
{
	release_pages(req->pages, req->n);
}

int plan_req_start(struct plan_req *req, struct iov_iter *it)
{
	size_t off;

	if (iov_iter_get_pages2(it, req->pages, 4096, 1, &off) <= 0)
		return -1;
	req->n = 1;
	req->done = plan_req_done;
	return 0;
}

/* A user page and ZERO_PAGE in one bio whose completion puts every page. */
int plan_bio_zero_put(struct bio *bio, unsigned long addr)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1)
		return -1;
	bio_add_page(bio, page, 4096, 0);
	bio_add_page(bio, ZERO_PAGE(0), 4096, 0);
	bio->bi_end_io = plan_bio_zero_put_end_io;
	submit_bio(bio);
	return 0;
}

/* User pages and ZERO_PAGE in different bios with one completion: the flag tells them apart. */
int plan_bio_flag_user(struct bio *bio, unsigned long addr)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1)
		return -1;
	bio_add_page(bio, page, 4096, 0);
	bio->bi_end_io = plan_bio_flag_end_io;
	submit_bio(bio);
	return 0;
}

void plan_bio_flag_zero(struct bio *bio)
{
	bio_add_page(bio, ZERO_PAGE(0), 4096, 0);
	bio_set_flag(bio, BIO_NO_PAGE_REF);
	bio->bi_end_io = plan_bio_flag_end_io;
	submit_bio(bio);
}

/* GUP.md: a page merged twice into one segment and released once.  The first drops the answer. */
int plan_bio_merge_drop(void *q, struct bio *bio, unsigned long addr)
{
	struct page *page;
	bool same_page = false;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1)
		return -1;
	return bio_add_hw_page(q, bio, page, 4096, 0, 8, &same_page);
}

int plan_bio_merge_put(void *q, struct bio *bio, unsigned long addr)
{
	struct page *page;
	bool same_page = false;
	int ret;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1)
		return -1;
	ret = bio_add_hw_page(q, bio, page, 4096, 0, 8, &same_page);
	if (same_page)
		put_page(page);
	return ret;
}

/*
 * check-name: pages into bios whose completions endio.c defines (found through the bi_end_io
 * assignments): the plan pairs each site with the releases in the completions; a bio merge
 * whose same-page answer is dropped (bio-merge-leak) and one that is read (no finding)
 * check-plan-start
drivers/gupbio/fill.c:9:12: site: pin_user_pages_fast() in plan_bio_pin: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupbio/fill.c:9:12: release: drivers/gupbio/endio.c:13:3: put_page() in plan_bio_put_all -> unpin_user_page via plan_bio_put_all
drivers/gupbio/fill.c:9:12: warning: pin_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (put into an sg table or bio), but none of their releases dirties them (put_page() at drivers/gupbio/endio.c:13 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
drivers/gupbio/fill.c:23:6: site: get_user_pages_fast() in plan_bio_mixed: pin -> pin_user_pages_fast [case 1]: pages go into an sg table or bio for DMA
drivers/gupbio/fill.c:23:6: release: drivers/gupbio/endio.c:13:3: put_page() in plan_bio_put_all -> unpin_user_page via plan_bio_put_all
drivers/gupbio/fill.c:36:6: site: pin_user_pages_fast() in plan_bio_zero: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupbio/fill.c:36:6: release: drivers/gupbio/endio.c:32:3: unpin_user_page() in plan_bio_zero_end_io -> unpin_user_page via plan_bio_zero_end_io
drivers/gupbio/fill.c:36:6: warning: pin_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (put into an sg table or bio), but none of their releases dirties them (unpin_user_page() at drivers/gupbio/endio.c:32 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
drivers/gupbio/fill.c:50:6: site: get_user_pages_fast() in plan_bio_leak: pin -> pin_user_pages_fast [case 1]: pages go into an sg table or bio for DMA
drivers/gupbio/fill.c:50:6: error: pages taken by get_user_pages_fast() go into a bio completed by plan_bio_quiet_end_io() (bi_end_io set at drivers/gupbio/fill.c:53), which releases none of them, and nothing else does [bio-unreleased]
drivers/gupbio/fill.c:61:6: site: get_user_pages_fast() in plan_bio_ref: pin -> pin_user_pages_fast [case 1]: pages go into an sg table or bio for DMA
drivers/gupbio/fill.c:61:6: release: drivers/gupbio/endio.c:42:2: bio_release_pages() in plan_bio_ref_end_io -> bio_release_pages via plan_bio_ref_end_io
drivers/gupbio/fill.c:61:6: error: pages get_user_pages_fast() took are still held at the exit at line 62 and neither released nor handed off (path: lines 59,62) [error-path-leak]
drivers/gupbio/fill.c:86:6: site: iov_iter_get_pages2() in plan_req_start: pin -> iov_iter_get_pages2 [case 1]: iov_iter pages are taken for one I/O (direct IO); this tree has no iov_iter_extract_pages(): references stay
drivers/gupbio/fill.c:86:6: release: drivers/gupbio/fill.c:79:2: release_pages() in plan_req_done -> release_pages via field struct plan_req.pages
drivers/gupbio/fill.c:98:6: site: get_user_pages_fast() in plan_bio_zero_put: pin -> pin_user_pages_fast [case 1]: pages go into an sg table or bio for DMA
drivers/gupbio/fill.c:98:6: release: drivers/gupbio/endio.c:13:3: put_page() in plan_bio_put_all -> unpin_user_page via plan_bio_put_all
drivers/gupbio/fill.c:112:6: site: get_user_pages_fast() in plan_bio_flag_user: pin -> pin_user_pages_fast [case 1]: pages go into an sg table or bio for DMA
drivers/gupbio/fill.c:112:6: release: drivers/gupbio/endio.c:13:3: put_page() in plan_bio_put_all -> unpin_user_page via plan_bio_put_all
drivers/gupbio/fill.c:134:6: site: get_user_pages_fast() in plan_bio_merge_drop: pin -> pin_user_pages_fast [case 1]: pages go into an sg table or bio for DMA
drivers/gupbio/fill.c:134:6: error: pages taken by get_user_pages_fast() go through bio_add_hw_page() at drivers/gupbio/fill.c:136, whose answer same_page is never read: a page merged into the segment that holds it keeps a reference the completion does not release [bio-merge-leak]
drivers/gupbio/fill.c:145:6: site: get_user_pages_fast() in plan_bio_merge_put: pin -> pin_user_pages_fast [case 1]: pages go into an sg table or bio for DMA
drivers/gupbio/fill.c:145:6: release: drivers/gupbio/fill.c:149:3: put_page() in plan_bio_merge_put -> unpin_user_page if same_page
 * check-plan-end
 * check-end-io-start
drivers/gupbio/fill.c:77: callback plan_req_done(): pages of iov_iter_get_pages2 at drivers/gupbio/fill.c:86: release_pages
 * check-end-io-end
 */
