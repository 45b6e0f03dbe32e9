/* Fixture mm.h: the v5.4 GUP API, whose releases are put_user_page*(), with no pins yet. */
struct page;
struct task_struct;
struct mm_struct;
struct vm_area_struct;

#define FOLL_WRITE	0x01
#define FOLL_LONGTERM	0x10000

long get_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages, struct vm_area_struct **vmas);
long get_user_pages_remote(struct task_struct *tsk, struct mm_struct *mm, unsigned long start,
			   unsigned long nr_pages, unsigned int gup_flags, struct page **pages,
			   struct vm_area_struct **vmas, int *locked);
int get_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages);
void put_page(struct page *page);
void release_pages(struct page **pages, int nr);
static inline void put_user_page(struct page *page)
{
	put_page(page);
}
void put_user_pages_dirty_lock(struct page **pages, unsigned long npages, bool make_dirty);
void put_user_pages(struct page **pages, unsigned long npages);
/* v5.2-v5.3 (an out-of-tree driver built against them): it dirties every page */
void put_user_pages_dirty(struct page **pages, unsigned long npages);
void *kmap(struct page *page);
void kunmap(struct page *page);
