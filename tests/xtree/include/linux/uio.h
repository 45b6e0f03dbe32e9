/* Fixture uio.h: the v6.3 iterator API, iov_iter_extract_pages() included. */
#include <linux/mm.h>

struct iov_iter {
	unsigned char iter_type;
	size_t count;
};
typedef unsigned int iov_iter_extraction_t;

ssize_t iov_iter_get_pages2(struct iov_iter *i, struct page **pages, size_t maxsize,
			    unsigned maxpages, size_t *start);
ssize_t iov_iter_get_pages_alloc2(struct iov_iter *i, struct page ***pages, size_t maxsize,
				  size_t *start);
ssize_t iov_iter_extract_pages(struct iov_iter *i, struct page ***pages, size_t maxsize,
			       unsigned int maxpages, iov_iter_extraction_t extraction_flags,
			       size_t *offset0);

static inline bool iov_iter_extract_will_pin(const struct iov_iter *iter)
{
	return iter->iter_type == 0;
}

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}
