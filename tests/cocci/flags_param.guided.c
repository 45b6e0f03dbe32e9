/* Test input for cocci/flags_param.cocci guided: line 16 keeps the pages, line 23 does not. */
struct fp_reg {
	struct page **pages;
	int n;
};

static int fp_get(unsigned long addr, int n, struct page **pages);

static int fp_get(unsigned long addr, int n, struct page **pages)
{
	return pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
}

int fp_register(struct fp_reg *r, unsigned long addr)
{
	return fp_get(addr, r->n, r->pages) == r->n ? 0 : -EFAULT;
}

int fp_once(unsigned long addr)
{
	struct page *page;
	int got = other(addr,
			fp_get(addr, 1, &page));

	unpin_user_page(page);
	return got;
}
