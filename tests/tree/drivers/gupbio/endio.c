/* Fixture: bio completions, in a file that names no GUP function; fill.c sets them. */
#include <linux/mm.h>
#include <linux/bio.h>
#include "gupbio.h"

/* Puts every page of the bio: a helper the completions below share. */
static void plan_bio_put_all(struct bio *bio)
{
	struct bio_vec *bv;
	struct bvec_iter_all iter;

	bio_for_each_segment_all(bv, bio, iter)
		put_page(bv->bv_page);
}

void plan_bio_pin_end_io(struct bio *bio)
{
	plan_bio_put_all(bio);
}

void plan_bio_mixed_end_io(struct bio *bio)
{
	plan_bio_put_all(bio);
}

void plan_bio_zero_end_io(struct bio *bio)
{
	struct bio_vec *bv;
	struct bvec_iter_all iter;

	bio_for_each_segment_all(bv, bio, iter)
		unpin_user_page(bv->bv_page);
}

void plan_bio_quiet_end_io(struct bio *bio)
{
	bio->bi_private = 0;
}

void plan_bio_ref_end_io(struct bio *bio)
{
	bio_release_pages(bio, true);
}

/* Puts every page, the user's and ZERO_PAGE alike (iomap's shape in v6.1). */
void plan_bio_zero_put_end_io(struct bio *bio)
{
	plan_bio_put_all(bio);
}

/* Puts the pages only of bios without BIO_NO_PAGE_REF, which the ZERO_PAGE fill sets. */
void plan_bio_flag_end_io(struct bio *bio)
{
	if (!bio_flagged(bio, BIO_NO_PAGE_REF))
		plan_bio_put_all(bio);
}

/*
 * check-name: the balance of each completion: pinned pages put (through a helper), a user page
 * and a page-cache page in one completion, pins and ZERO_PAGE unpinned alike, nothing released,
 * bio_release_pages() on references, ZERO_PAGE put with user pages (a split), and a flag that
 * tells the ZERO_PAGE bios apart (no split)
 * check-plan-start
drivers/gupbio/endio.c:13:3: error: put_page() releases pages pinned by pin_user_pages_fast() at drivers/gupbio/fill.c:9: pins are released by unpin_user_page*() [wrong-release]
drivers/gupbio/endio.c:32:3: error: plan_bio_zero_end_io() releases with unpin_user_page() the pages of bios that hold pinned pages (pin_user_pages_fast() at drivers/gupbio/fill.c:36) and pages that are not pinned (ZERO_PAGE at drivers/gupbio/fill.c:39): both get it at the same assignment, so one bio may hold both: pin the other pages too, or mark the pinned bios and release by kind [bio-mixed-kinds]
 * check-plan-end
 * check-end-io-start
drivers/gupbio/endio.c:16: end_io plan_bio_pin_end_io(): wrong-release; origins gup-pin; releases put_page
drivers/gupbio/endio.c:16: origin: gup-pin pin_user_pages_fast at drivers/gupbio/fill.c:9, bi_end_io set at drivers/gupbio/fill.c:13
drivers/gupbio/endio.c:21: end_io plan_bio_mixed_end_io(): mixed-origin; origins gup-ref,pagecache; releases put_page
drivers/gupbio/endio.c:21: origin: gup-ref get_user_pages_fast at drivers/gupbio/fill.c:23, bi_end_io set at drivers/gupbio/fill.c:28 -> no split: other pages get this completion at the same assignment
drivers/gupbio/endio.c:21: origin: pagecache find_get_page at drivers/gupbio/fill.c:25, bi_end_io set at drivers/gupbio/fill.c:28 -> no split: GUP pages get this completion at the same assignment
drivers/gupbio/endio.c:26: end_io plan_bio_zero_end_io(): mixed-origin; origins gup-pin,zero; releases unpin_user_page
drivers/gupbio/endio.c:26: origin: gup-pin pin_user_pages_fast at drivers/gupbio/fill.c:36, bi_end_io set at drivers/gupbio/fill.c:40 -> no split: other pages get this completion at the same assignment
drivers/gupbio/endio.c:26: origin: zero ZERO_PAGE at drivers/gupbio/fill.c:39, bi_end_io set at drivers/gupbio/fill.c:40 -> no split: GUP pages get this completion at the same assignment
drivers/gupbio/endio.c:35: end_io plan_bio_quiet_end_io(): unreleased; origins gup-ref; releases none
drivers/gupbio/endio.c:35: origin: gup-ref get_user_pages_fast at drivers/gupbio/fill.c:50, bi_end_io set at drivers/gupbio/fill.c:53
drivers/gupbio/endio.c:40: end_io plan_bio_ref_end_io(): balanced; origins gup-ref; releases bio_release_pages
drivers/gupbio/endio.c:40: origin: gup-ref get_user_pages_fast at drivers/gupbio/fill.c:61, bi_end_io set at drivers/gupbio/fill.c:65
drivers/gupbio/endio.c:46: end_io plan_bio_zero_put_end_io(): mixed-origin; origins gup-ref,zero; releases put_page
drivers/gupbio/endio.c:46: origin: gup-ref get_user_pages_fast at drivers/gupbio/fill.c:98, bi_end_io set at drivers/gupbio/fill.c:102 -> no split: other pages get this completion at the same assignment
drivers/gupbio/endio.c:46: origin: zero ZERO_PAGE at drivers/gupbio/fill.c:101, bi_end_io set at drivers/gupbio/fill.c:102 -> no split: GUP pages get this completion at the same assignment
drivers/gupbio/endio.c:52: end_io plan_bio_flag_end_io(): mixed-origin; origins gup-ref,zero; releases put_page; flag BIO_NO_PAGE_REF decides
drivers/gupbio/endio.c:52: origin: gup-ref get_user_pages_fast at drivers/gupbio/fill.c:112, bi_end_io set at drivers/gupbio/fill.c:115 -> BIO_NO_PAGE_REF not set
drivers/gupbio/endio.c:52: origin: zero ZERO_PAGE at drivers/gupbio/fill.c:122, bi_end_io set at drivers/gupbio/fill.c:124 -> BIO_NO_PAGE_REF set
 * check-end-io-end
 */
