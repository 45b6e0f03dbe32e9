/* Fixture: the acquire forms and their argument roles, pages destinations and flags. */
#include <linux/mm.h>
#include <gupfix.h>

static struct page *global_pages[16];

int local_array(unsigned long addr, int n, bool write)
{
	struct page *pages[8];
	int got;

	got = get_user_pages_fast(addr, n, write ? FOLL_WRITE : 0, pages);
	if (got > 0)
		release_pages(pages, got);
	return got;
}

int single_page(unsigned long addr)
{
	struct page *page;

	if (pin_user_pages_fast(addr, 1, FOLL_WRITE | FOLL_LONGTERM, &page) != 1)
		return -1;
	set_page_dirty_lock(page);
	unpin_user_page(page);
	return 0;
}

long into_field(struct umem *umem, unsigned long addr)
{
	long n = pin_user_pages(addr, umem->npages,
				FOLL_WRITE
				| FOLL_LONGTERM, umem->page_list, NULL);
	return n;
}

long remote(struct mm_struct *mm, unsigned long addr, struct page **out)
{
	return get_user_pages_remote(mm, addr, 4, FOLL_FORCE, out, NULL, NULL);
}

long unlocked(unsigned long addr)
{
	return pin_user_pages_unlocked(addr, 16, global_pages, 0);
}

/*
 * check-name: acquire forms, argument roles by parameter name, pages destinations
 * check-output-start
drivers/gupfix/a.c:12:8: acquire get_user_pages_fast; in=local_array; pages=pages; to=local:pages; count=n; flags=write ? FOLL_WRITE : 0; seen=clang
drivers/gupfix/a.c:14:3: release release_pages; in=local_array; pages=pages; to=local:pages; count=got; seen=clang
drivers/gupfix/a.c:22:6: acquire pin_user_pages_fast; in=single_page; pages=&page; to=&local:page; count=1; flags=FOLL_WRITE | FOLL_LONGTERM; resolved=FOLL_WRITE|FOLL_LONGTERM; seen=clang
drivers/gupfix/a.c:24:2: release set_page_dirty_lock; in=single_page; pages=page; to=local:page; seen=clang
drivers/gupfix/a.c:25:2: release unpin_user_page; in=single_page; pages=page; to=local:page; seen=clang
drivers/gupfix/a.c:31:11: acquire pin_user_pages; in=into_field; pages=umem->page_list; to=field:struct umem.page_list; count=umem->npages; flags=FOLL_WRITE | FOLL_LONGTERM; resolved=FOLL_WRITE|FOLL_LONGTERM; seen=clang
drivers/gupfix/a.c:39:9: acquire get_user_pages_remote; in=remote; pages=out; to=param:out; count=4; flags=FOLL_FORCE; resolved=FOLL_FORCE; seen=clang
drivers/gupfix/a.c:44:9: acquire pin_user_pages_unlocked; in=unlocked; pages=global_pages; to=global:global_pages; count=16; flags=0; resolved=0; seen=clang
 * check-output-end
 */

/*
 * check-name: the plan of the acquire forms: a local array only inspected is a reference (case 4);
 * pins with FOLL_LONGTERM stay; pages handed back to an unknown caller are "unknown"
 * check-plan-start
drivers/gupfix/a.c:12:8: site: get_user_pages_fast() in local_array: ref -> get_user_pages_fast [case 4]: the pages are only released (their struct page's count)
drivers/gupfix/a.c:12:8: release: drivers/gupfix/a.c:14:3: release_pages() in local_array -> release_pages if got > 0
drivers/gupfix/a.c:22:6: site: pin_user_pages_fast() in single_page: longterm-pin -> pin_user_pages_fast [as written]: FOLL_LONGTERM is written at the call
drivers/gupfix/a.c:22:6: release: drivers/gupfix/a.c:25:2: unpin_user_page() in single_page -> unpin_user_page
drivers/gupfix/a.c:22:6: dirty: drivers/gupfix/a.c:24:2: set_page_dirty_lock() in single_page
drivers/gupfix/a.c:31:11: site: pin_user_pages() in into_field: longterm-pin -> pin_user_pages [as written]: FOLL_LONGTERM is written at the call
drivers/gupfix/a.c:39:9: site: get_user_pages_remote() in remote: unknown -> get_user_pages_remote [returned]: the pages are handed to callers outside the files read
drivers/gupfix/a.c:44:9: site: pin_user_pages_unlocked() in unlocked: pin -> pin_user_pages_unlocked [as written]: already a pin; pages kept in global global_pages
 * check-plan-end
 */
