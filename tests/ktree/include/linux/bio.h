/* Fixture bio.h: v6.1's bios with kernel-patches/linux-6.1's BIO_PAGE_PINNED and bio_release_page(). */
struct page;

struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len, bv_offset;
};

struct bio {
	struct bio_vec *bi_io_vec;
	unsigned short bi_vcnt;
	unsigned long bi_flags;
	void (*bi_end_io)(struct bio *bio);
};

struct bvec_iter_all {
	struct bio_vec bv;
	int idx;
};

enum { BIO_NO_PAGE_REF = 1, BIO_PAGE_PINNED = 13 };

int bio_add_page(struct bio *bio, struct page *page, unsigned int len, unsigned int off);
void submit_bio(struct bio *bio);
void bio_release_pages(struct bio *bio, bool mark_dirty);
void bio_release_page(struct bio *bio, struct page *page);
struct bio_vec *bvec_init_iter_all(struct bvec_iter_all *iter);
bool bio_next_segment(const struct bio *bio, struct bvec_iter_all *iter);
void bio_set_flag(struct bio *bio, unsigned int flag);

#define bio_for_each_segment_all(bvl, bio, iter) \
	for (bvl = bvec_init_iter_all(&iter); bio_next_segment((bio), &iter); )

extern char empty_zero_page[];
struct page *virt_to_page(const void *addr);
#define ZERO_PAGE(vaddr) (virt_to_page(empty_zero_page))
