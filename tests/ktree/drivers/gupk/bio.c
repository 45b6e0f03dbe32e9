/* Fixture: bios of pinned pages flagged BIO_PAGE_PINNED, completed by the releases that read the flag. */
#include <linux/mm.h>
#include <linux/bio.h>

static void k_bio_end_io(struct bio *bio)
{
	bio_release_pages(bio, false);
}

static void k_bio_each_end_io(struct bio *bio)
{
	struct bio_vec *bv;
	struct bvec_iter_all iter;

	bio_for_each_segment_all(bv, bio, iter)
		bio_release_page(bio, bv->bv_page);
}

/* Pins and ZERO_PAGE in one flagged bio, released by bio_release_pages(): the flag decides. */
int k_bio_read(struct bio *bio, unsigned long addr, struct page **pages)
{
	if (pin_user_pages_fast(addr, 1, FOLL_WRITE, pages) != 1)
		return -1;
	bio_set_flag(bio, BIO_PAGE_PINNED);
	bio_add_page(bio, pages[0], 4096, 0);
	bio_add_page(bio, ZERO_PAGE(0), 4096, 0);
	bio->bi_end_io = k_bio_end_io;
	submit_bio(bio);
	return 0;
}

/* Pins completed page by page with bio_release_page(). */
int k_bio_write(struct bio *bio, unsigned long addr, struct page **pages)
{
	if (pin_user_pages_fast(addr, 1, 0, pages) != 1)
		return -1;
	bio_set_flag(bio, BIO_PAGE_PINNED);
	bio_add_page(bio, pages[0], 4096, 0);
	bio->bi_end_io = k_bio_each_end_io;
	submit_bio(bio);
	return 0;
}

/*
 * check-name: where bios carry BIO_PAGE_PINNED, bio_release_pages() and bio_release_page() pick
 * unpin or put by it: pins (with ZERO_PAGE) released by them are balanced, no finding
 * check-plan-start
drivers/gupk/bio.c:22:6: site: pin_user_pages_fast() in k_bio_read: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupk/bio.c:22:6: release: drivers/gupk/bio.c:7:2: bio_release_pages() in k_bio_end_io -> bio_release_pages via k_bio_end_io (picked at run time by `BIO_PAGE_PINNED`)
drivers/gupk/bio.c:22:6: warning: pin_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (put into an sg table or bio), but none of their releases dirties them (bio_release_pages() at drivers/gupk/bio.c:7 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
drivers/gupk/bio.c:35:6: site: pin_user_pages_fast() in k_bio_write: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupk/bio.c:35:6: release: drivers/gupk/bio.c:16:3: bio_release_page() in k_bio_each_end_io -> bio_release_page via k_bio_each_end_io (picked at run time by `BIO_PAGE_PINNED`)
 * check-plan-end
 * check-end-io-start
drivers/gupk/bio.c:5: end_io k_bio_end_io(): balanced; origins gup-pin,zero; releases bio_release_pages
drivers/gupk/bio.c:5: origin: gup-pin pin_user_pages_fast at drivers/gupk/bio.c:22, bi_end_io set at drivers/gupk/bio.c:27
drivers/gupk/bio.c:5: origin: zero ZERO_PAGE at drivers/gupk/bio.c:26, bi_end_io set at drivers/gupk/bio.c:27
drivers/gupk/bio.c:10: end_io k_bio_each_end_io(): balanced; origins gup-pin; releases bio_release_page
drivers/gupk/bio.c:10: origin: gup-pin pin_user_pages_fast at drivers/gupk/bio.c:35, bi_end_io set at drivers/gupk/bio.c:39
 * check-end-io-end
 */
