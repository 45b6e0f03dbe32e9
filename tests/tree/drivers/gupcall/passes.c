/*
 * Fixture: a helper whose registration call passes FOLL_LONGTERM through the helper's flags
 * (linux-6.1's sev_pin_memory(), called with FOLL_LONGTERM by sev_mem_enc_register_region()).
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/highmem.h>

struct gp_region {
	struct page **pages;
	int n;
};

static int gp_pin(unsigned long addr, int n, struct page **pages, unsigned int flags)
{
	return pin_user_pages_fast(addr, n, FOLL_WRITE | flags, pages);
}

int gp_register(struct gp_region *r, unsigned long addr)
{
	return gp_pin(addr, r->n, r->pages, FOLL_LONGTERM) == r->n ? 0 : -EFAULT;
}

void gp_unregister(struct gp_region *r)
{
	unpin_user_pages(r->pages, r->n);
	kfree(r);
}

int gp_once(unsigned long addr, char *dst)
{
	struct page *pages[1];

	if (gp_pin(addr, 1, pages, 0) != 1)
		return -EFAULT;
	memcpy(dst, kmap(pages[0]), 4);
	kunmap(pages[0]);
	unpin_user_pages(pages, 1);
	return 0;
}

/*
 * check-name: a helper whose keeping call passes FOLL_LONGTERM (issue 15 item 6).  gp_pin()'s
 * pages are kept by gp_register() until gp_unregister() frees the region, and used once by
 * gp_once(); gp_register() gives FOLL_LONGTERM to the flags gp_pin() ORs into its pin, so
 * the long-term caller says it: no FOLL_LONGTERM to add at the acquire, no longterm-missing.
 * check-plan-start
drivers/gupcall/passes.c:16:9: site: pin_user_pages_fast() in gp_pin: longterm-pin -> pin_user_pages_fast [case 2]: pages kept in field struct gp_region.pages, released in gp_unregister() (drivers/gupcall/passes.c:26) in the teardown that frees their holder: they outlive the system call; long-term at 1 of its 2 calls: gp_register() at drivers/gupcall/passes.c:21
drivers/gupcall/passes.c:16:9: release: drivers/gupcall/passes.c:26:2: unpin_user_pages() in gp_unregister -> unpin_user_pages via field struct gp_region.pages
drivers/gupcall/passes.c:16:9: release: drivers/gupcall/passes.c:38:2: unpin_user_pages() in gp_once -> unpin_user_pages via gp_once
drivers/gupcall/passes.c:16:9: caller: drivers/gupcall/passes.c:21 in gp_register: longterm-pin [case 2]: pages kept in field struct gp_region.pages, released in gp_unregister() (drivers/gupcall/passes.c:26) in the teardown that frees their holder: they outlive the system call; FOLL_LONGTERM is passed at this call
drivers/gupcall/passes.c:16:9: caller: drivers/gupcall/passes.c:34 in gp_once: pin [as written]: already a pin
drivers/gupcall/passes.c:16:9: warning: pin_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (kmap()), but none of their releases dirties them (unpin_user_pages() at drivers/gupcall/passes.c:26 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
 * check-plan-end
 */
