/* Fixture: out-parameters of helpers: a helper stores the pages it is given into its sg argument. */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/scatterlist.h>

void __gupcheck_where(const void *p);
void sg_set_page(struct scatterlist *sg, struct page *page, unsigned int len, unsigned int offset);

struct out_obj {
	struct sg_table table;
	int n;
};

/* Parameter 1's pages go into parameter 0, which is returned, moved on. */
static struct scatterlist *out_add_sg(struct scatterlist *sg, struct page **p, int n)
{
	int i;

	for (i = 0; i < n; i++)
		sg_set_page(&sg[i], p[i], 4096, 0);
	return sg + n;
}

/* A helper of the helper: its parameter 1 reaches its parameter 0 one call down. */
static void out_add_all(struct scatterlist *dst, struct page **src, int n)
{
	out_add_sg(dst, src, n);
}

int out_obj_fill(struct out_obj *obj, unsigned long addr, int n)
{
	struct page **page_list = kcalloc(n, sizeof(*page_list), GFP_KERNEL);
	struct scatterlist *sg;
	int got = pin_user_pages_fast(addr, n, FOLL_WRITE, page_list);

	if (got <= 0) {
		kfree(page_list);
		return -EFAULT;
	}
	sg = obj->table.sgl;
	sg = out_add_sg(sg, page_list, got);
	__gupcheck_where(page_list);
	kfree(page_list);
	return 0;
}

int out_obj_fill2(struct out_obj *obj, unsigned long addr, int n, struct page **pages)
{
	int got = get_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (got > 0)
		out_add_all(obj->table.sgl, pages, got);
	return got;
}

/* The returned sg list is the pages: the caller's sg holds them. */
struct scatterlist *out_next(struct scatterlist *sg, struct page **pages, unsigned long addr)
{
	int got = pin_user_pages_fast(addr, 1, 0, pages);

	if (got != 1)
		return sg;
	return out_add_sg(sg, pages, 1);
}

void out_obj_destroy(struct out_obj *obj)
{
	struct scatterlist *sg;

	for (sg = obj->table.sgl; sg; sg = sg_next(sg))
		unpin_user_page(sg_page(sg));
	sg_free_table(&obj->table);
	kfree(obj);
}

/*
 * check-name: out-parameters: out_add_sg() puts parameter 1's pages into parameter 0 (and
 * returns it), so the caller's sg, read from obj->table, holds page_list: the teardown's unpin
 * through field struct out_obj.table is paired; out_add_all() one level up too (and its
 * get_user_pages_fast() pages are unpinned there: wrong-release); out_next() returns its pages
 * in the sg list it returns
 * check-plan-start
drivers/gupout/outparam.c:34:12: site: pin_user_pages_fast() in out_obj_fill: longterm-pin -> pin_user_pages_fast + FOLL_LONGTERM [case 2]: pages kept in field struct out_obj.table, released in out_obj_destroy() (drivers/gupout/outparam.c:71) in the teardown that frees their holder: they outlive the system call
drivers/gupout/outparam.c:34:12: release: drivers/gupout/outparam.c:71:3: unpin_user_page() in out_obj_destroy -> unpin_user_page via field struct out_obj.table
drivers/gupout/outparam.c:34:12: warning: pin_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (put into an sg table or bio), but none of their releases dirties them (unpin_user_page() at drivers/gupout/outparam.c:71 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
drivers/gupout/outparam.c:34:12: warning: long-term pin without FOLL_LONGTERM: pages kept in field struct out_obj.table, released in out_obj_destroy() (drivers/gupout/outparam.c:71) in the teardown that frees their holder: they outlive the system call [longterm-missing]
drivers/gupout/outparam.c:42:2: probe: local:page_list; releases: drivers/gupout/outparam.c:71 unpin_user_page()
drivers/gupout/outparam.c:49:12: site: get_user_pages_fast() in out_obj_fill2: longterm-pin -> pin_user_pages_fast + FOLL_LONGTERM [case 2]: pages kept in field struct out_obj.table, released in out_obj_destroy() (drivers/gupout/outparam.c:71) in the teardown that frees their holder: they outlive the system call
drivers/gupout/outparam.c:49:12: release: drivers/gupout/outparam.c:71:3: unpin_user_page() in out_obj_destroy -> unpin_user_page via field struct out_obj.table
drivers/gupout/outparam.c:49:12: warning: get_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (put into an sg table or bio), but none of their releases dirties them (unpin_user_page() at drivers/gupout/outparam.c:71 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
drivers/gupout/outparam.c:49:12: warning: long-term pin without FOLL_LONGTERM: pages kept in field struct out_obj.table, released in out_obj_destroy() (drivers/gupout/outparam.c:71) in the teardown that frees their holder: they outlive the system call [longterm-missing]
drivers/gupout/outparam.c:59:12: site: pin_user_pages_fast() in out_next: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupout/outparam.c:71:3: error: unpin_user_page() releases pages referenced by get_user_pages_fast() at drivers/gupout/outparam.c:49: references are released by put_page() [wrong-release]
 * check-plan-end
 */
