/* Fixture: bio->bi_end_io(bio) belongs to the bio completion model: a container's member is no ops table. */
#include <linux/mm.h>
#include <linux/bio.h>

static void ops_bio_put_end_io(struct bio *bio)
{
	put_page(bio->bi_io_vec[0].bv_page);
}

static void ops_bio_unpin_end_io(struct bio *bio)
{
	unpin_user_page(bio->bi_io_vec[0].bv_page);
}

/* Completes whatever bio it is given: resolved as an ops call, it would reach every completion. */
void ops_bio_endio(struct bio *bio)
{
	bio->bi_end_io(bio);
}

int ops_bio_start(struct bio *bio, unsigned long addr)
{
	struct page *page;

	if (pin_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1)
		return -1;
	bio_add_page(bio, page, 4096, 0);
	bio->bi_end_io = ops_bio_unpin_end_io;
	ops_bio_endio(bio);
	return 0;
}

void ops_bio_other(struct bio *bio)
{
	bio->bi_end_io = ops_bio_put_end_io;
}

/*
 * check-name: the pin reaches only the completion set on its bio, not ops_bio_put_end_io() through
 * the bi_end_io call in ops_bio_endio()
 * check-plan-start
drivers/gupops/endio.c:25:6: site: pin_user_pages_fast() in ops_bio_start: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupops/endio.c:25:6: release: drivers/gupops/endio.c:12:2: unpin_user_page() in ops_bio_unpin_end_io -> unpin_user_page via ops_bio_unpin_end_io
drivers/gupops/endio.c:25:6: warning: pin_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (put into an sg table or bio), but none of their releases dirties them (unpin_user_page() at drivers/gupops/endio.c:12 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
 * check-plan-end
 */
