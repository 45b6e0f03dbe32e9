/* Fixture mm.h: the v6.1 GUP API with kernel-patches/linux-6.1's put_user_page*() as pin releases. */
struct page;
struct vm_area_struct;

#define FOLL_WRITE	0x01
#define FOLL_LONGTERM	0x10000

int get_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages);
int pin_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages);

void put_page(struct page *page);
void unpin_user_page(struct page *page);
void unpin_user_pages(struct page **pages, unsigned long npages);
void put_user_page(struct page *page);
void put_user_pages(struct page **pages, unsigned long npages);
void put_user_pages_dirty_lock(struct page **pages, unsigned long npages, bool make_dirty);
void *kmap_local_page(struct page *page);
void kunmap_local(const void *addr);
int set_page_dirty(struct page *page);
