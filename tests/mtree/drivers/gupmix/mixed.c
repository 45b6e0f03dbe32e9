/* Fixture: releases that GUP pages and pages of other origins reach (mixed-origin). */
#include <linux/mm.h>
#include <linux/highmem.h>

struct kvec {
	void *iov_base;
	unsigned long iov_len;
};
int get_kernel_pages(const struct kvec *kiov, int nr_segs, int write, struct page **pages);
struct page *alloc_page(unsigned int gfp);

/* Pinned user pages or kernel pages, one loop unpins them all: reported at the unpin. */
int mx_fill(struct page **pages, unsigned long addr, const struct kvec *kv, int n, int user)
{
	int got, i;

	if (user)
		got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	else
		got = get_kernel_pages(kv, n, 0, pages);
	if (got <= 0)
		return got;
	for (i = 0; i < got; i++)
		unpin_user_page(pages[i]);
	return 0;
}

/* The same, each released under the branch that tells them apart: picked by kind. */
int mx_split(struct page **pages, unsigned long addr, const struct kvec *kv, int n, int user)
{
	int got, i;

	if (user)
		got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	else
		got = get_kernel_pages(kv, n, 0, pages);
	if (got <= 0)
		return got;
	for (i = 0; i < got; i++) {
		if (user)
			unpin_user_page(pages[i]);
		else
			put_page(pages[i]);
	}
	return 0;
}

/*
 * References and an allocated page in one array, put alike: balanced, but a warning, and
 * the site is not converted to a pin (its put_page() would unpin the allocated page).
 */
int mx_ref(unsigned long addr)
{
	struct page *pages[17];
	int got = get_user_pages_fast(addr, 16, 0, pages), i;
	char *p;

	if (got <= 0)
		return got;
	pages[got] = alloc_page(0);
	p = kmap(pages[0]);
	p[0] = 0;
	kunmap(pages[0]);
	for (i = 0; i <= got; i++)
		put_page(pages[i]);
	return 0;
}
/*
 * mx_fill's unpin receives the pins and get_kernel_pages()'s pages with nothing between them:
 * mixed-origin (a warning).  mx_split's two releases sit in the branch on user: picked by
 * kind, no finding (not wrong-release either).  mx_ref's put_page() receives references and
 * alloc_page()'s page: a warning, and convert leaves the site (stays.txt says why).
 *
 * check-plan-start
drivers/gupmix/mixed.c:18:9: site: pin_user_pages_fast() in mx_fill: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupmix/mixed.c:18:9: release: drivers/gupmix/mixed.c:24:3: unpin_user_page() in mx_fill -> unpin_user_page
drivers/gupmix/mixed.c:24:3: warning: unpin_user_page() releases pages of pin_user_pages_fast() at drivers/gupmix/mixed.c:18 if user and pages of get_kernel_pages() at drivers/gupmix/mixed.c:20, which GUP did not take, with no branch or flag between them: one of the two kinds is released the wrong way; release each by its own call, under the condition that tells them apart [mixed-origin]
drivers/gupmix/mixed.c:34:9: site: pin_user_pages_fast() in mx_split: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupmix/mixed.c:34:9: release: drivers/gupmix/mixed.c:41:4: unpin_user_page() in mx_split -> unpin_user_page (picked at run time by `user`) if user
drivers/gupmix/mixed.c:34:9: release: drivers/gupmix/mixed.c:43:4: put_page() in mx_split -> put_page (picked at run time by `user`) if !(user)
drivers/gupmix/mixed.c:55:12: site: get_user_pages_fast() in mx_ref: pin -> pin_user_pages_fast [case 5]: the pages' data is used (kmap)
drivers/gupmix/mixed.c:55:12: release: drivers/gupmix/mixed.c:65:3: put_page() in mx_ref -> unpin_user_page
drivers/gupmix/mixed.c:65:3: warning: put_page() releases pages of get_user_pages_fast() at drivers/gupmix/mixed.c:55 and pages of alloc_page() at drivers/gupmix/mixed.c:60, which GUP did not take, with no branch or flag between them: both are references today, but the GUP pages cannot become pins until a branch or a flag tells the two kinds apart [mixed-origin]
 * check-plan-end
 */
