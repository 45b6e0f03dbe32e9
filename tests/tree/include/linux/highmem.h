/* Fixture highmem.h: mapping a page to reach its data. */
struct page;
void *kmap(struct page *page);
void kunmap(struct page *page);
void memcpy_from_page(char *to, struct page *page, unsigned long offset, unsigned long len);
void *memcpy(void *dst, const void *src, unsigned long n);
