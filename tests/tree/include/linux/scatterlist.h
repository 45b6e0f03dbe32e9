/* Fixture scatterlist.h: sg tables, which hold pages for DMA. */
struct page;
typedef unsigned int gfp_t;
struct scatterlist {
	unsigned long page_link;
	unsigned int offset, length;
};
struct sg_table {
	struct scatterlist *sgl;
	unsigned int nents, orig_nents;
};
struct page *sg_page(struct scatterlist *sg);
struct scatterlist *sg_next(struct scatterlist *sg);
void sg_set_page(struct scatterlist *sg, struct page *page, unsigned int len,
		 unsigned int offset);
int sg_alloc_table_from_pages(struct sg_table *sgt, struct page **pages, unsigned int n_pages,
			      unsigned int offset, unsigned long size, gfp_t gfp_mask);
void sg_free_table(struct sg_table *sgt);
