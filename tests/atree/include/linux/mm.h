/* Fixture mm.h (tests/atree): the v6.1 GUP API, declared with the kernel's parameter names. */
struct page;
struct mm_struct;
struct vm_area_struct;
struct iov_iter;
typedef unsigned long size_t;
typedef long ssize_t;

#define FOLL_WRITE	0x01
#define FOLL_TOUCH	0x02
#define FOLL_GET	0x04
#define FOLL_FORCE	0x10
#define FOLL_LONGTERM	0x10000
#define FOLL_PIN	0x40000

long get_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages, struct vm_area_struct **vmas);
int get_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages);
long get_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages,
			   struct vm_area_struct **vmas, int *locked);
long pin_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages, struct vm_area_struct **vmas);
int pin_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages);
long pin_user_pages_unlocked(unsigned long start, unsigned long nr_pages,
			     struct page **pages, unsigned int gup_flags);
ssize_t iov_iter_get_pages2(struct iov_iter *i, struct page **pages, size_t maxsize,
			    unsigned maxpages, size_t *start);

void put_page(struct page *page);
void release_pages(struct page **pages, int nr);
void unpin_user_page(struct page *page);
void unpin_user_pages(struct page **pages, unsigned long npages);
void unpin_user_pages_dirty_lock(struct page **pages, unsigned long npages, bool make_dirty);
int set_page_dirty_lock(struct page *page);

long get_user_pages_longterm(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
			     struct page **pages, struct vm_area_struct **vmas);
int set_page_dirty(struct page *page);
/* Before v5.10 this one still took "int write" (seed 001): a truth value is right there. */
int __get_user_pages_fast(unsigned long start, int nr_pages, int write, struct page **pages);
