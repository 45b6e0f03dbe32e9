/* Fixture: mixed origins through a struct field: one object holding both, two objects of a type. */
#include <linux/mm.h>
#include <linux/bio.h>

struct page *alloc_page(unsigned int gfp);

/* One object, filled by GUP or by an allocation, released by one helper. */
struct mx_obj {
	struct page **pages;
	int n;
};

static void mx_obj_release(struct mx_obj *o)
{
	unpin_user_pages(o->pages, o->n);
}

int mx_obj_fill(struct mx_obj *o, unsigned long addr, int user)
{
	if (user) {
		o->n = pin_user_pages_fast(addr, 4, FOLL_WRITE, o->pages);
	} else {
		o->pages[0] = alloc_page(0);
		o->n = 1;
	}
	if (o->n <= 0)
		return -1;
	mx_obj_release(o);
	return 0;
}

/* Two objects of one type: one filled by GUP, one by the page cache, each released apart. */
struct mx_args {
	struct page **pages;
	unsigned int npages;
};

static void mx_user_end(struct mx_args *ap)
{
	unpin_user_pages(ap->pages, ap->npages);
}

int mx_direct(struct mx_args *ap, unsigned long addr)
{
	int got = pin_user_pages_fast(addr, 8, FOLL_WRITE, ap->pages);

	if (got <= 0)
		return got;
	ap->npages = got;
	mx_user_end(ap);
	return 0;
}

static void mx_cache_end(struct mx_args *ap)
{
	unsigned int i;

	for (i = 0; i < ap->npages; i++)
		put_page(ap->pages[i]);
}

int mx_retrieve(struct mx_args *ap, struct address_space *mapping)
{
	unsigned int i;

	for (i = 0; i < 8; i++) {
		struct page *page = find_get_page(mapping, i);

		if (!page)
			break;
		ap->pages[i] = page;
	}
	ap->npages = i;
	mx_cache_end(ap);
	return 0;
}
/*
 * mx_obj_fill puts pins or an allocated page into one object's array and mx_obj_release(),
 * which only mx_obj_fill calls, unpins that array: the allocated page reaches the unpin
 * through its own object, a warning that names the branch the pin is taken in.
 *
 * mx_direct's and mx_retrieve's arrays are two objects of struct mx_args, one location for
 * the model.  mx_user_end() is called only by mx_direct: the page-cache pages reach its unpin
 * only through the type's field, so there is no mixed origin.  mx_cache_end() is called only
 * by mx_retrieve: it is the page-cache object's release, not the site's (no release line for
 * it, as fs/fuse's fuse_retrieve_end() is not fuse_get_user_pages()').
 *
 * check-plan-start
drivers/gupmix/shared.c:15:2: warning: unpin_user_pages() releases pages of pin_user_pages_fast() at drivers/gupmix/shared.c:21 if user and pages of alloc_page() at drivers/gupmix/shared.c:23, which GUP did not take, with no branch or flag between them: one of the two kinds is released the wrong way; release each by its own call, under the condition that tells them apart [mixed-origin]
drivers/gupmix/shared.c:21:10: site: pin_user_pages_fast() in mx_obj_fill: pin -> pin_user_pages_fast [as written]: already a pin; pages kept in field struct mx_obj.pages
drivers/gupmix/shared.c:21:10: release: drivers/gupmix/shared.c:15:2: unpin_user_pages() in mx_obj_release -> unpin_user_pages via field struct mx_obj.pages
drivers/gupmix/shared.c:45:12: site: pin_user_pages_fast() in mx_direct: pin -> pin_user_pages_fast [as written]: already a pin; pages kept in field struct mx_args.pages
drivers/gupmix/shared.c:45:12: release: drivers/gupmix/shared.c:40:2: unpin_user_pages() in mx_user_end -> unpin_user_pages via field struct mx_args.pages
 * check-plan-end
 */
