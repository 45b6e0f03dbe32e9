/* Fixture: wrapper acquire APIs that take their flags from their callers. */
#include <linux/mm.h>
#include "flagapi.h"

/* Its callers' flags, as they pass them. */
int flag_get_pages(unsigned long addr, int n, unsigned int gup_flags, struct page **pages)
{
	return pin_user_pages_fast(addr, n, gup_flags, pages);
}

/* A truth value chooses FOLL_WRITE, through a flags variable. */
int flag_get_rw(unsigned long addr, bool writable, struct page **pages)
{
	unsigned int gup_flags = writable ? FOLL_WRITE : 0;

	return pin_user_pages_fast(addr, 1, gup_flags, pages);
}

void flag_put_pages(struct page **pages, int n)
{
	unpin_user_pages(pages, n);
}

/* The twin that is no wrapper: its flags come from its caller, its pages never go back. */
int flag_pin_local(unsigned long addr, unsigned int gup_flags)
{
	struct page *page;
	int got = pin_user_pages_fast(addr, 1, gup_flags, &page);

	if (got == 1)
		unpin_user_page(page);
	return got;
}

/*
 * check-name: a wrapper's flags carried to its calls (issue 14 shape 7).  flag_get_pages()
 * passes its gup_flags parameter on: its four calls are resolved one by one.  deep/flagdeep.c
 * calls flag_get_longterm() (mid/flagmid.c), a wrapper of a wrapper that adds FOLL_LONGTERM;
 * it is read in ring 3's second round.  flag_user_register() and flag_deep_map() keep the pages
 * in a field their teardown releases and pass FOLL_LONGTERM; flag_user_cache() keeps them too
 * but passes only FOLL_WRITE (a flags variable): longterm-missing, naming that call.
 * flag_user_copy() releases at once.  flag_get_rw()'s truth value selects FOLL_WRITE: false is
 * 0, true FOLL_WRITE.  flag_pin_local() is the twin that is no wrapper: its pages never go
 * back, so the FOLL_LONGTERM its callers pass (flag_user_touch(), read; other/flagother.c, not
 * read) is not carried.
 * check-plan-start
drivers/gupflags/api/flagapi.c:8:9: site: pin_user_pages_fast() in flag_get_pages: longterm-pin -> pin_user_pages_fast + FOLL_LONGTERM [case 2]: pages kept in field struct flag_obj.pages, released in flag_put_pages() (drivers/gupflags/api/flagapi.c:21), called from flag_deep_release() in the teardown that frees their holder: they outlive the system call; flags from the calls of flag_get_pages(): FOLL_LONGTERM|FOLL_WRITE at drivers/gupflags/deep/flagdeep.c:15 (flag_deep_map), FOLL_LONGTERM|FOLL_WRITE at drivers/gupflags/user/flaguser.c:10 (flag_user_register), FOLL_WRITE at drivers/gupflags/user/flaguser.c:20 (flag_user_cache), 0 at drivers/gupflags/user/flaguser.c:29 (flag_user_copy)
drivers/gupflags/api/flagapi.c:8:9: release: drivers/gupflags/api/flagapi.c:21:2: unpin_user_pages() in flag_put_pages -> unpin_user_pages via field struct flag_obj.pages
drivers/gupflags/api/flagapi.c:8:9: caller: drivers/gupflags/mid/flagmid.c:7 in flag_get_longterm: longterm-pin [case 2]: pages kept in field struct flag_deep.pages, released in flag_put_pages() (drivers/gupflags/api/flagapi.c:21), called from flag_deep_release() in the teardown that frees their holder: they outlive the system call; FOLL_LONGTERM is passed at this call
drivers/gupflags/api/flagapi.c:8:9: caller: drivers/gupflags/user/flaguser.c:10 in flag_user_register: longterm-pin [case 2]: pages kept in field struct flag_obj.pages, released in flag_put_pages() (drivers/gupflags/api/flagapi.c:21), called from flag_deep_release() in the teardown that frees their holder: they outlive the system call; FOLL_LONGTERM is passed at this call
drivers/gupflags/api/flagapi.c:8:9: caller: drivers/gupflags/user/flaguser.c:20 in flag_user_cache: longterm-pin + FOLL_LONGTERM [case 2]: pages kept in field struct flag_obj.pages, released in flag_put_pages() (drivers/gupflags/api/flagapi.c:21), called from flag_deep_release() in the teardown that frees their holder: they outlive the system call
drivers/gupflags/api/flagapi.c:8:9: caller: drivers/gupflags/user/flaguser.c:29 in flag_user_copy: pin [as written]: already a pin
drivers/gupflags/api/flagapi.c:8:9: warning: long-term pin without FOLL_LONGTERM: flag_get_pages() at drivers/gupflags/user/flaguser.c:20 keeps the pages without it: pages kept in field struct flag_obj.pages, released in flag_put_pages() (drivers/gupflags/api/flagapi.c:21), called from flag_deep_release() in the teardown that frees their holder: they outlive the system call; flags from the calls of flag_get_pages(): FOLL_LONGTERM|FOLL_WRITE at drivers/gupflags/deep/flagdeep.c:15 (flag_deep_map), FOLL_LONGTERM|FOLL_WRITE at drivers/gupflags/user/flaguser.c:10 (flag_user_register), FOLL_WRITE at drivers/gupflags/user/flaguser.c:20 (flag_user_cache), 0 at drivers/gupflags/user/flaguser.c:29 (flag_user_copy) [longterm-missing]
drivers/gupflags/api/flagapi.c:16:9: site: pin_user_pages_fast() in flag_get_rw: pin -> pin_user_pages_fast [as written]: already a pin; flags from the calls of flag_get_rw(): 0 at drivers/gupflags/user/flaguser.c:53 (flag_user_peek), FOLL_WRITE at drivers/gupflags/user/flaguser.c:65 (flag_user_poke)
drivers/gupflags/api/flagapi.c:16:9: release: drivers/gupflags/api/flagapi.c:21:2: unpin_user_pages() in flag_put_pages -> unpin_user_pages via flag_put_pages
drivers/gupflags/api/flagapi.c:16:9: caller: drivers/gupflags/user/flaguser.c:53 in flag_user_peek: pin [as written]: already a pin
drivers/gupflags/api/flagapi.c:16:9: caller: drivers/gupflags/user/flaguser.c:65 in flag_user_poke: pin [as written]: already a pin; dirty: set_page_dirty_lock() at drivers/gupflags/user/flaguser.c:69 in flag_user_poke
drivers/gupflags/api/flagapi.c:28:12: site: pin_user_pages_fast() in flag_pin_local: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupflags/api/flagapi.c:28:12: release: drivers/gupflags/api/flagapi.c:31:3: unpin_user_page() in flag_pin_local -> unpin_user_page if got == 1
 * check-plan-end
 */
