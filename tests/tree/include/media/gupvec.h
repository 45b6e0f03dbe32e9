/* Fixture gupvec.h: a vector of pinned pages and its static inline accessor. */
#ifndef _MEDIA_GUPVEC_H
#define _MEDIA_GUPVEC_H

struct page;

struct gupvec {
	unsigned int nr;
	void *ptrs[16];
};

static inline unsigned int gupvec_count(struct gupvec *vec)
{
	return vec->nr;
}

static inline struct page **gupvec_pages(struct gupvec *vec)
{
	return (struct page **)(vec->ptrs);
}

#endif
