/* Fixture: merge points; pages go forward into one, never back out of it to another source. */
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

struct page *alloc_page(unsigned int gfp);

struct mg_dma {
	struct page *map[4];		/* pins only */
	struct page *bounce[4];		/* allocated pages only */
	struct scatterlist sg[4];	/* filled from both */
};

/* The sg list is filled from the pins or from the bounce pages: a fill merges them. */
int mg_fill(struct mg_dma *d, unsigned long addr, int high)
{
	int got = pin_user_pages_fast(addr, 1, FOLL_WRITE, d->map);

	if (got != 1)
		return -EFAULT;
	if (high) {
		d->bounce[0] = alloc_page(0);
		sg_set_page(&d->sg[0], d->bounce[0], 4096, 0);
	} else {
		sg_set_page(&d->sg[0], d->map[0], 4096, 0);
	}
	return 0;
}

/* The pins' own unpin: the bounce page reaches the sg list, not the map behind it. */
void mg_unmap(struct mg_dma *d)
{
	unpin_user_pages(d->map, 1);
}

/* One object's life: the fill and the unmap are tied by this caller. */
int mg_io(struct mg_dma *d, unsigned long addr, int high)
{
	int err = mg_fill(d, addr, high);

	if (!err)
		mg_unmap(d);
	return err;
}

struct mg_buf {
	struct page **mapped;		/* pins only */
	struct page **reserved;		/* allocated pages only */
};

struct mg_req {
	struct page **pages;		/* assigned from either array */
};

/* One field is assigned from either array: an assignment merges them. */
void mg_pick(struct mg_req *r, struct mg_buf *b, int direct)
{
	if (direct)
		r->pages = b->mapped;
	else
		r->pages = b->reserved;
}

int mg_reserve(struct mg_buf *b)
{
	b->reserved[0] = alloc_page(0);
	return b->reserved[0] ? 0 : -ENOMEM;
}

int mg_map(struct mg_buf *b, struct page **pages, unsigned long addr)
{
	int got = pin_user_pages_fast(addr, 1, FOLL_WRITE, pages);

	if (got != 1)
		return -EFAULT;
	b->mapped = pages;
	return 0;
}

/* The pins' own unpin: the reserved page reaches r->pages, not the mapped array behind it. */
void mg_unmap_buf(struct mg_buf *b)
{
	unpin_user_pages(b->mapped, 1);
}

/* One object's life: the reserve, the map, the pick and the unmap are tied by this caller. */
int mg_run(struct mg_req *r, struct mg_buf *b, struct page **pages, unsigned long addr, int direct)
{
	int err = mg_reserve(b);

	if (err)
		return err;
	err = mg_map(b, pages, addr);
	if (err)
		return err;
	mg_pick(r, b, direct);
	mg_unmap_buf(b);
	return 0;
}

/*
 * mg_fill()'s bounce page goes forward into d->sg (a fill), and no further back out of it to
 * d->map: mg_unmap()'s unpin receives the pins only, no mixed-origin.  mg_reserve()'s page goes
 * forward into r->pages (an assignment), not back out of it to b->mapped: mg_unmap_buf()'s
 * unpin receives the pins only, no mixed-origin.  The pins still reach their unpins.
 *
 * check-plan-start
drivers/gupmix/merge.c:17:12: site: pin_user_pages_fast() in mg_fill: pin -> pin_user_pages_fast [as written]: already a pin; pages kept in field struct mg_dma.map
drivers/gupmix/merge.c:17:12: release: drivers/gupmix/merge.c:33:2: unpin_user_pages() in mg_unmap -> unpin_user_pages via field struct mg_dma.map
drivers/gupmix/merge.c:17:12: warning: pin_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (put into an sg table or bio), but none of their releases dirties them (unpin_user_pages() at drivers/gupmix/merge.c:33 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
drivers/gupmix/merge.c:72:12: site: pin_user_pages_fast() in mg_map: pin -> pin_user_pages_fast [as written]: already a pin; pages kept in field struct mg_buf.mapped
drivers/gupmix/merge.c:72:12: release: drivers/gupmix/merge.c:83:2: unpin_user_pages() in mg_unmap_buf -> unpin_user_pages via field struct mg_buf.mapped
 * check-plan-end
 */
