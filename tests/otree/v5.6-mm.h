/* The v5.6 GUP API the converted fixtures must build against: pins, and no put_user_page*(). */
struct page;
struct task_struct;
struct mm_struct;
struct vm_area_struct;

#define FOLL_WRITE	0x01
#define FOLL_LONGTERM	0x10000

long get_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages, struct vm_area_struct **vmas);
long pin_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages, struct vm_area_struct **vmas);
long get_user_pages_remote(struct task_struct *tsk, struct mm_struct *mm, unsigned long start,
			   unsigned long nr_pages, unsigned int gup_flags, struct page **pages,
			   struct vm_area_struct **vmas, int *locked);
int get_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages);
int pin_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages);
void put_page(struct page *page);
void release_pages(struct page **pages, int nr);
void unpin_user_page(struct page *page);
void unpin_user_pages_dirty_lock(struct page **pages, unsigned long npages, bool make_dirty);
void unpin_user_pages(struct page **pages, unsigned long npages);
void *kmap(struct page *page);
void kunmap(struct page *page);
