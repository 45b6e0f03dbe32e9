/* Fixture: the wrapper acquire APIs of api/flagapi.c, whose callers choose the flags. */
struct page;

struct flag_obj {
	struct page **pages;
	int n;
};

int flag_get_pages(unsigned long addr, int n, unsigned int gup_flags, struct page **pages);
int flag_get_rw(unsigned long addr, bool writable, struct page **pages);
void flag_put_pages(struct page **pages, int n);
int flag_pin_local(unsigned long addr, unsigned int gup_flags);
