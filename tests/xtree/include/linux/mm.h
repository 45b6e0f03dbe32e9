/* Fixture mm.h: the v6.3 GUP API. */
struct page;
typedef unsigned long size_t;
typedef long ssize_t;

#define FOLL_WRITE	0x01
#define FOLL_LONGTERM	0x10000
#define PAGE_SIZE	4096UL
#define UINT_MAX	(~0U)

int get_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages);
int pin_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages);
void put_page(struct page *page);
void release_pages(struct page **pages, int nr);
void unpin_user_page(struct page *page);
void unpin_user_pages(struct page **pages, unsigned long npages);
int set_page_dirty_lock(struct page *page);
void kvfree(const void *addr);
struct page *alloc_page(unsigned int gfp);
void *kmap_local_page(struct page *page);
void kunmap_local(const void *addr);
