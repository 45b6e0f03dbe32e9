/* Fixture header: the page tests and conversions the gupsign fixtures call. */
#include <linux/mm.h>
#include <linux/slab.h>

int PageReserved(struct page *page);
int is_zero_pfn(unsigned long pfn);
unsigned long page_to_pfn(struct page *page);
