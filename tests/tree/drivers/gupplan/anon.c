/* Fixture: pages kept in a member of an unnamed union are the field of the struct around it. */
#include <linux/mm.h>

struct plan_anon {
	int kind;
	union {
		struct page **pages;
		unsigned long pfn;
	};
	int n;
};

int plan_anon_fill(struct plan_anon *o, unsigned long addr)
{
	return pin_user_pages_fast(addr, o->n, FOLL_WRITE, o->pages);
}

void plan_anon_drop(struct plan_anon *o)
{
	unpin_user_pages(o->pages, o->n);
}

/*
 * check-name: an unnamed union's member: no "(anonymous at /path)" in the output, and the
 * acquire and the release meet through field struct plan_anon.pages
 * check-plan-start
drivers/gupplan/anon.c:15:9: site: pin_user_pages_fast() in plan_anon_fill: pin -> pin_user_pages_fast [as written]: already a pin; pages kept in field struct plan_anon.pages
drivers/gupplan/anon.c:15:9: release: drivers/gupplan/anon.c:20:2: unpin_user_pages() in plan_anon_drop -> unpin_user_pages via field struct plan_anon.pages
 * check-plan-end
 */
