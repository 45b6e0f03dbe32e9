/* Fixture: one release helper and its callers' pages (mixed-origin meets only in one object). */
#include <linux/mm.h>

struct page *alloc_page(unsigned int gfp);

/* Unpins what its caller hands it. */
static void hx_put(struct page **pages, int n)
{
	unpin_user_pages(pages, n);
}

/* Pins, then the helper. */
int hx_user(unsigned long addr, struct page **pages, int n)
{
	int got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (got <= 0)
		return got;
	hx_put(pages, got);
	return 0;
}

/* An allocated page through the same helper, from another call: another object. */
void hx_own(void)
{
	struct page *own[1];

	own[0] = alloc_page(0);
	hx_put(own, 1);
}

/* Unpins what its caller hands it (the mixed caller's helper). */
static void hx_put_mixed(struct page **pages, int n)
{
	unpin_user_pages(pages, n);
}

/* Pins or allocates into one array, and hands that one array to the helper: one object. */
int hx_mixed(unsigned long addr, struct page **pages, int n, int user)
{
	int got = 1;

	if (user)
		got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	else
		pages[0] = alloc_page(0);
	if (got <= 0)
		return got;
	hx_put_mixed(pages, got);
	return 0;
}

/*
 * hx_put()'s unpin receives hx_user()'s pins and hx_own()'s page, each from its own call: two
 * objects, no finding.  hx_put_mixed()'s unpin receives hx_mixed()'s one array, which holds
 * pins or an allocated page: mixed-origin at the unpin, naming the pin's branch.
 *
 * check-plan-start
drivers/gupmix/helper.c:15:12: site: pin_user_pages_fast() in hx_user: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupmix/helper.c:15:12: release: drivers/gupmix/helper.c:9:2: unpin_user_pages() in hx_put -> unpin_user_pages via hx_put
drivers/gupmix/helper.c:35:2: warning: unpin_user_pages() releases pages of pin_user_pages_fast() at drivers/gupmix/helper.c:44 if user and pages of alloc_page() at drivers/gupmix/helper.c:46, which GUP did not take, with no branch or flag between them: one of the two kinds is released the wrong way; release each by its own call, under the condition that tells them apart [mixed-origin]
drivers/gupmix/helper.c:44:9: site: pin_user_pages_fast() in hx_mixed: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupmix/helper.c:44:9: release: drivers/gupmix/helper.c:35:2: unpin_user_pages() in hx_put_mixed -> unpin_user_pages via hx_put_mixed
 * check-plan-end
 */
