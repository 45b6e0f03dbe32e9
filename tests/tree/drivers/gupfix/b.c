/* Fixture: what is not a GUP call, what the compiler cannot see, and field stores. */
#include <linux/mm.h>
#include <gupfix.h>

struct page_ops {
	void (*put_page)(struct page *page);
};

#define GRAB(addr, p) get_user_pages_fast(addr, 1, FOLL_WRITE, p)
#define UNUSED_GRAB(addr, p) get_user_pages(addr, 1, 0, p, NULL)

void not_calls(struct page_ops *ops, struct page *page)
{
	const char *s = "get_user_pages(1, 2, 3, 4, 5)";

	/* get_user_pages_fast(addr, 1, 0, pages) in a comment */
	ops->put_page(page);
	(void)s;
}

int through_macro(unsigned long a, struct page **p, unsigned long b, struct page **q)
{
	return GRAB(a, p) + GRAB(b, q);
}

void disabled(unsigned long addr, struct page **pages)
{
#ifdef CONFIG_GUPFIX_OFF
	get_user_pages_fast(addr, 1, FOLL_WRITE, pages);
#endif
}

void stores(struct umem *umem, struct page **pages, struct iov_iter *it, size_t *off)
{
	umem->page_list = pages;
	umem->single = pages[0];
	umem->npages = 1;
	iov_iter_get_pages2(it, umem->page_list, 4096, 1, off);
}

/*
 * check-name: shadowed names, function pointers, comments, macros, #if branches, field stores
 * check-output-start
drivers/gupfix/b.c:9:23: acquire get_user_pages_fast; in=through_macro; pages=p; to=param:p; count=1; flags=FOLL_WRITE; resolved=FOLL_WRITE; seen=clang
drivers/gupfix/b.c:10:30: acquire get_user_pages; pages=p; count=1; flags=0; seen=lex; compiled=no; note=in a macro definition that this file does not expand
drivers/gupfix/b.c:29:2: acquire get_user_pages_fast; pages=pages; count=1; flags=FOLL_WRITE; seen=lex; compiled=no; note=in a preprocessor branch disabled in this configuration (#ifdef CONFIG_GUPFIX_OFF)
drivers/gupfix/b.c:35:2: store struct umem.page_list; in=stores; value=pages
drivers/gupfix/b.c:36:2: store struct umem.single; in=stores; value=pages[0]
drivers/gupfix/b.c:38:2: acquire iov_iter_get_pages2; in=stores; pages=umem->page_list; to=field:struct umem.page_list; count=1; seen=clang
 * check-output-end
 */

/*
 * check-name: the plan of sites the compiler did not see (unknown, with the reason) and of an
 * iov_iter site whose result is dropped
 * check-plan-start
drivers/gupfix/b.c:9:23: site: get_user_pages_fast() in through_macro: unknown -> get_user_pages_fast [returned]: the pages are handed to callers outside the files read
drivers/gupfix/b.c:10:30: site: get_user_pages(): unknown -> get_user_pages [not compiled]: in a macro definition that this file does not expand
drivers/gupfix/b.c:29:2: site: get_user_pages_fast(): unknown -> get_user_pages_fast [not compiled]: in a preprocessor branch disabled in this configuration (#ifdef CONFIG_GUPFIX_OFF)
drivers/gupfix/b.c:38:2: site: iov_iter_get_pages2() in stores: pin -> iov_iter_get_pages2 [case 1]: iov_iter pages are taken for one I/O (direct IO); this tree has no iov_iter_extract_pages(): references stay
drivers/gupfix/b.c:38:2: warning: the return value of iov_iter_get_pages2() is ignored: when it takes fewer pages than asked, which ones to release is unknown [unchecked-result]
 * check-plan-end
 */
