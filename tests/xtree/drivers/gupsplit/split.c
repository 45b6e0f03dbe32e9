/* Fixture: a completion that user pages and allocated pages reach through different assignments. */
#include <linux/mm.h>
#include <linux/bio.h>

struct bio *bio_alloc(void *bdev, unsigned short nr_vecs, unsigned int opf, unsigned int gfp);

static void sp_end_io(struct bio *bio)
{
	struct bio_vec *bv;
	struct bvec_iter_all iter;

	bio_for_each_segment_all(bv, bio, iter)
		put_page(bv->bv_page);
	bio->bi_private = 0;
}

int sp_user(void *bdev, unsigned long addr)
{
	struct page *pages[4];
	int got = get_user_pages_fast(addr, 4, FOLL_WRITE, pages), i;
	struct bio *bio;

	if (got <= 0)
		return got;
	bio = bio_alloc(bdev, 4, 0, 0);
	for (i = 0; i < got; i++)
		bio_add_page(bio, pages[i], 4096, 0);
	bio->bi_end_io = sp_end_io;
	submit_bio(bio);
	return got;
}

int sp_kernel(void *bdev)
{
	struct page *page = alloc_page(0);
	struct bio *bio;

	if (!page)
		return -1;
	bio = bio_alloc(bdev, 1, 0, 0);
	bio_add_page(bio, page, 4096, 0);
	bio->bi_end_io = sp_end_io;
	submit_bio(bio);
	return 0;
}

/*
 * check-name: a completion that pinned user pages (sp_user, line 28) and allocated pages
 * (sp_kernel, line 42) get through different assignments: convert pins sp_user's pages and
 * splits sp_end_io() into sp_end_io_gup() and sp_end_io_normal()
 * check-plan-start
drivers/gupsplit/split.c:20:12: site: get_user_pages_fast() in sp_user: pin -> pin_user_pages_fast [case 1]: pages go into an sg table or bio for DMA
drivers/gupsplit/split.c:20:12: release: drivers/gupsplit/split.c:13:3: put_page() in sp_end_io -> unpin_user_page via sp_end_io
drivers/gupsplit/split.c:20:12: warning: get_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (put into an sg table or bio), but none of their releases dirties them (put_page() at drivers/gupsplit/split.c:13 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
 * check-plan-end
 * check-end-io-start
drivers/gupsplit/split.c:7: end_io sp_end_io(): mixed-origin; origins gup-ref,alloc; releases put_page
drivers/gupsplit/split.c:7: origin: gup-ref get_user_pages_fast at drivers/gupsplit/split.c:20, bi_end_io set at drivers/gupsplit/split.c:28 -> sp_end_io_gup()
drivers/gupsplit/split.c:7: origin: alloc alloc_page at drivers/gupsplit/split.c:35, bi_end_io set at drivers/gupsplit/split.c:42 -> sp_end_io_normal()
 * check-end-io-end
 */
