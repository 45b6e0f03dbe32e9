/* Fixture: bug shapes from GUP.md and the checks on how a call is written. */
#include <linux/mm.h>
#include <linux/highmem.h>
#include "gupplan.h"

int plan_undo_pin_with_put(unsigned long addr, int n, struct page **pages)
{
	int got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	int i;

	if (got < n) {
		for (i = 0; i < got; i++)
			put_page(pages[i]);
		return -1;
	}
	plan_consume(pages, n);
	return 0;
}

void plan_ignore_result(unsigned long addr, struct page **pages)
{
	get_user_pages_fast(addr, 4, FOLL_WRITE, pages);
	release_pages(pages, 4);
}

int plan_write_as_int(unsigned long addr, struct page **page)
{
	return get_user_pages_fast(addr, 1, 1, page);
}

long plan_foll_pin(unsigned long addr, struct page **pages)
{
	return get_user_pages(addr, 2, FOLL_PIN | FOLL_WRITE, pages, NULL);
}

long plan_get_longterm(unsigned long addr, struct page **pages)
{
	return get_user_pages(addr, 2, FOLL_LONGTERM, pages, NULL);
}

long plan_old_longterm(unsigned long addr, struct page **pages)
{
	return get_user_pages_longterm(addr, 2, FOLL_WRITE, pages, NULL);
}

int plan_leak(unsigned long addr, char *dst)
{
	struct page *page;
	char *p;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1)
		return -1;
	p = kmap(page);
	memcpy(dst, p, 16);
	kunmap(page);
	return 0;
}

/* FOLL_GET passed to a pin: pin_user_pages*() refuses it (WARN, -EINVAL). */
long plan_pin_get(unsigned long addr, struct page **pages)
{
	return pin_user_pages(addr, 1, FOLL_GET | FOLL_WRITE, pages, NULL);
}

/*
 * check-name: GUP.md bug shapes and call-site checks (FOLL_GET on a pin: foll-get)
 * (plan_write_as_int and plan_foll_pin hand their pages to callers outside the fixtures: unknown)
 * check-plan-start
drivers/gupplan/bugs.c:8:12: site: pin_user_pages_fast() in plan_undo_pin_with_put: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupplan/bugs.c:8:12: release: drivers/gupplan/bugs.c:13:4: put_page() in plan_undo_pin_with_put -> unpin_user_page if got < n
drivers/gupplan/bugs.c:13:4: error: put_page() releases pages pinned by pin_user_pages_fast() at drivers/gupplan/bugs.c:8: pins are released by unpin_user_page*() [wrong-release]
drivers/gupplan/bugs.c:22:2: site: get_user_pages_fast() in plan_ignore_result: pin -> pin_user_pages_fast [case 5]: the pages reach their callers, which gupcheck cannot follow: a pin is the safe choice
drivers/gupplan/bugs.c:22:2: release: drivers/gupplan/bugs.c:23:2: release_pages() in plan_ignore_result -> unpin_user_pages
drivers/gupplan/bugs.c:22:2: warning: the return value of get_user_pages_fast() is ignored: when it takes fewer pages than asked, which ones to release is unknown [unchecked-result]
drivers/gupplan/bugs.c:28:9: site: get_user_pages_fast() in plan_write_as_int: unknown -> get_user_pages_fast [returned]: the pages are handed to callers outside the files read
drivers/gupplan/bugs.c:28:9: warning: gup_flags of get_user_pages_fast() given as a number "1": write FOLL_WRITE or 0 [write-literal]
drivers/gupplan/bugs.c:33:9: site: get_user_pages() in plan_foll_pin: unknown -> get_user_pages [returned]: the pages are handed to callers outside the files read
drivers/gupplan/bugs.c:33:9: error: FOLL_PIN passed to get_user_pages(): it is internal to GUP; call pin_user_pages*() instead [foll-pin]
drivers/gupplan/bugs.c:38:9: site: get_user_pages() in plan_get_longterm: longterm-pin -> pin_user_pages [as written]: FOLL_LONGTERM is written at the call
drivers/gupplan/bugs.c:38:9: error: FOLL_LONGTERM with get_user_pages(): since v5.6 long-term references are pins, taken by pin_user_pages*() [longterm-get]
drivers/gupplan/bugs.c:43:9: site: get_user_pages_longterm() in plan_old_longterm: longterm-pin -> pin_user_pages + FOLL_LONGTERM [as written]: get_user_pages_longterm() asks for a long-term reference
drivers/gupplan/bugs.c:43:9: warning: get_user_pages_longterm() is gone since v5.2: pass FOLL_LONGTERM to pin_user_pages() [longterm-api]
drivers/gupplan/bugs.c:51:6: site: get_user_pages_fast() in plan_leak: pin -> pin_user_pages_fast [case 5]: the pages' data is used (kmap)
drivers/gupplan/bugs.c:51:6: error: pages get_user_pages_fast() took are still held at the exit at line 56 and neither released nor handed off (path: lines 46,53) [error-path-leak]
drivers/gupplan/bugs.c:51:6: error: pages taken by get_user_pages_fast() into &page reach no release on any path [unreleased]
drivers/gupplan/bugs.c:62:9: site: pin_user_pages() in plan_pin_get: pin -> pin_user_pages [as written]: already a pin
drivers/gupplan/bugs.c:62:9: error: FOLL_GET passed to pin_user_pages(): pin_user_pages*() refuses it (WARN, -EINVAL); drop it [foll-get]
 * check-plan-end
 */
