/* Test input for cocci/end_io_split.cocci guided: sp_end_io (line 2) is split, its put_page() (line 8) releases by gup, line 19 gets GUP pages. */
static void sp_end_io(struct bio *bio)
{
	struct bio_vec *bv;
	struct bvec_iter_all iter;

	bio_for_each_segment_all(bv, bio, iter)
		put_page(bv->bv_page);
	bio->bi_private = 0;
}

int sp_user(struct bio *bio, unsigned long addr)
{
	struct page *pages[4];
	int got = get_user_pages_fast(addr, 4, FOLL_WRITE, pages), i;

	for (i = 0; i < got; i++)
		bio_add_page(bio, pages[i], 4096, 0);
	bio->bi_end_io = sp_end_io;
	submit_bio(bio);
	return got;
}

int sp_kernel(struct bio *bio)
{
	struct page *page = alloc_page(0);

	if (!page)
		return -1;
	bio_add_page(bio, page, 4096, 0);
	bio->bi_end_io = sp_end_io;
	submit_bio(bio);
	return 0;
}
