/* Fixture: the wrapper acquire APIs of api/wrapapi.c, as their callers see them. */
struct page;

struct wrap_obj {
	struct page **pages;
	int n;
};

/* Pages kept by wrap_keep_pages(): a field of its own. */
struct wrap_keep {
	struct page **kept;
	int n;
};

int wrap_get_pages(unsigned long addr, int n, unsigned int gup_flags, struct page **pages);
struct page *wrap_get_one(unsigned long addr);
void wrap_put_pages(struct page **pages, int n);
void wrap_put_one(struct page *page);
int wrap_keep_pages(struct wrap_keep *k, unsigned long addr);
int wrap_get_excl(unsigned long addr, struct page **pages);
