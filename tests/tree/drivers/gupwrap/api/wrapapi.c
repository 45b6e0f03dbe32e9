/* Fixture: wrapper acquire APIs: exported functions that hand GUP's pages to their callers. */
#include <linux/mm.h>
#include <linux/slab.h>
#include "wrapapi.h"

/* A wrapper: the pages go into its own parameter, with its caller's flags. */
int wrap_get_pages(unsigned long addr, int n, unsigned int gup_flags, struct page **pages)
{
	if (n <= 0)
		return -EFAULT;
	return pin_user_pages_fast(addr, n, gup_flags, pages);
}

/* A wrapper through its return value. */
struct page *wrap_get_one(unsigned long addr)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1)
		return NULL;
	return page;
}

/* The releases that go with them: their callers name no GUP function at all. */
void wrap_put_pages(struct page **pages, int n)
{
	unpin_user_pages(pages, n);
}

void wrap_put_one(struct page *page)
{
	put_page(page);
}

/* Not a wrapper: the pages are kept in a field, never handed back. */
int wrap_keep_pages(struct wrap_keep *k, unsigned long addr)
{
	int got = pin_user_pages_fast(addr, k->n, 0, k->kept);

	return got == k->n ? 0 : -EFAULT;
}

/* A wrapper like make_device_exclusive_range(): its callers follow invalidations. */
int wrap_get_excl(unsigned long addr, struct page **pages)
{
	return get_user_pages_fast(addr, 1, FOLL_WRITE, pages);
}

/*
 * check-name: wrapper acquire APIs: wrap_get_pages() acquires into its parameter and
 * wrap_get_one() returns its page, so user/wrapuser.c, which names no GUP-family function (it
 * calls the wrappers and wrap_put_pages()/wrap_put_one()) and shares no folder with this file,
 * is read (ring 3) and its calls pair these sites with the releases here: the unpin reached
 * through its field from wrap_user_release(), the teardown that frees the holder (long-term),
 * and the put_page() after kmap() (data use, case 5); without ring 3 both sites were
 * "unknown [returned]".  wrap_keep_pages() keeps its pages in a field, so other/wrapother.c,
 * its only caller, is not read (the scan's file count in tests/cli.sh says so).
 * wrap_get_excl()'s only caller, user/wrapmirror.c, follows invalidations with an MMU notifier
 * and releases the page itself: case 3 (a reference), as in that file, though the pages' data
 * is used there
 * check-plan-start
drivers/gupwrap/api/wrapapi.c:11:9: site: pin_user_pages_fast() in wrap_get_pages: longterm-pin -> pin_user_pages_fast + FOLL_LONGTERM [case 2]: pages kept in field struct wrap_obj.pages, released in wrap_put_pages() (drivers/gupwrap/api/wrapapi.c:27), called from wrap_user_release() in the teardown that frees their holder: they outlive the system call; flags from the calls of wrap_get_pages(): FOLL_WRITE at drivers/gupwrap/user/wrapuser.c:14 (wrap_user_map)
drivers/gupwrap/api/wrapapi.c:11:9: release: drivers/gupwrap/api/wrapapi.c:27:2: unpin_user_pages() in wrap_put_pages -> unpin_user_pages via field struct wrap_obj.pages
drivers/gupwrap/api/wrapapi.c:11:9: warning: long-term pin without FOLL_LONGTERM: wrap_get_pages() at drivers/gupwrap/user/wrapuser.c:14 keeps the pages without it: pages kept in field struct wrap_obj.pages, released in wrap_put_pages() (drivers/gupwrap/api/wrapapi.c:27), called from wrap_user_release() in the teardown that frees their holder: they outlive the system call; flags from the calls of wrap_get_pages(): FOLL_WRITE at drivers/gupwrap/user/wrapuser.c:14 (wrap_user_map) [longterm-missing]
drivers/gupwrap/api/wrapapi.c:19:6: site: get_user_pages_fast() in wrap_get_one: pin -> pin_user_pages_fast [case 5]: the pages' data is used (kmap)
drivers/gupwrap/api/wrapapi.c:19:6: release: drivers/gupwrap/api/wrapapi.c:32:2: put_page() in wrap_put_one -> unpin_user_page via wrap_put_one
drivers/gupwrap/api/wrapapi.c:19:6: warning: get_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (kmap()), but none of their releases dirties them (put_page() at drivers/gupwrap/api/wrapapi.c:32 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
drivers/gupwrap/api/wrapapi.c:38:12: site: pin_user_pages_fast() in wrap_keep_pages: pin -> pin_user_pages_fast [as written]: already a pin; pages kept in field struct wrap_keep.kept
drivers/gupwrap/api/wrapapi.c:46:9: site: get_user_pages_fast() in wrap_get_excl: ref -> get_user_pages_fast [case 3]: drivers/gupwrap/user/wrapmirror.c uses MMU notifiers or HMM: the device follows invalidations
drivers/gupwrap/api/wrapapi.c:46:9: release: drivers/gupwrap/user/wrapmirror.c:21:2: put_page() in wrap_mirror_fault -> put_page via wrap_mirror_fault
drivers/gupwrap/api/wrapapi.c:46:9: warning: get_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (kmap()), but none of their releases dirties them (put_page() at drivers/gupwrap/user/wrapmirror.c:21 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
 * check-plan-end
 */
