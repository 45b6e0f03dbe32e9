/* Test input for cocci/flags_param.cocci alone: fp_get() pins with constant flags, fp_own() not. */
int fp_get(unsigned long addr, int n, struct page **pages)
{
	return pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
}

int fp_own(unsigned long addr, int n, unsigned int flags, struct page **pages)
{
	return pin_user_pages_fast(addr, n, flags, pages);
}
