/* Fixture: a page put in a waiter on the stack is not kept by the waiter's struct. */
#include "gupreach.h"

struct wq_page_wait {
	struct page *page;
	int bit;
};

void wq_sleep(struct wq_page_wait *wait);

/* v5.10 wait_on_page_bit_common()'s shape: the waiter lives on this function's stack. */
static void wq_wait_on_page(struct page *page)
{
	struct wq_page_wait wait;

	wait.page = page;
	wait.bit = 0;
	wq_sleep(&wait);
}

/* __wait_on_page_locked_async()'s shape: the caller's waiter keeps the page. */
void wq_lock_page_async(struct page *page, struct wq_page_wait *w)
{
	w->page = page;
}

/* get_futex_key()'s shape: lock_page() waits on the page; nothing keeps it. */
int wq_get_key(unsigned long addr, char *to)
{
	struct page *page;
	int ret = get_user_pages_fast(addr, 1, FOLL_WRITE, &page);

	if (ret < 0)
		return ret;
	wq_wait_on_page(page);
	memcpy_from_page(to, page, 0, 8);
	put_page(page);
	return 0;
}

/* The twin: an asynchronous waiter held by the caller's object keeps the page. */
int wq_get_async(unsigned long addr, struct wq_page_wait *w, char *to)
{
	struct page *page;
	int ret = get_user_pages_fast(addr, 1, FOLL_WRITE, &page);

	if (ret < 0)
		return ret;
	wq_lock_page_async(page, w);
	memcpy_from_page(to, page, 0, 8);
	put_page(page);
	return 0;
}

/*
 * check-name: evidence: wq_wait_on_page() puts the page in a waiter on its own stack, a
 * struct wq_page_wait that wq_lock_page_async() elsewhere stores through a pointer: that is no
 * hold of wq_get_key()'s page; the twin wq_get_async() hands its page to the stored waiter
 * check-plan-start
drivers/gupreach/wait.c:31:12: site: get_user_pages_fast() in wq_get_key: pin -> pin_user_pages_fast [case 5]: the pages' data is used (memcpy_from_page)
drivers/gupreach/wait.c:31:12: release: drivers/gupreach/wait.c:37:2: put_page() in wq_get_key -> unpin_user_page
drivers/gupreach/wait.c:45:12: site: get_user_pages_fast() in wq_get_async: pin -> pin_user_pages_fast [case 5]: the pages' data is used (memcpy_from_page); kept in field struct wq_page_wait.page
drivers/gupreach/wait.c:45:12: release: drivers/gupreach/wait.c:51:2: put_page() in wq_get_async -> unpin_user_page
 * check-plan-end
 */
