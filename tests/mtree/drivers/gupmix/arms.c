/* Fixture: one local filled on two exclusive branches, by a pin and by an allocation. */
#include <linux/mm.h>
#include <linux/slab.h>

struct page *alloc_page(unsigned int gfp);

struct am_buf {
	struct page *page;		/* allocated pages only */
};

struct am_state {
	struct am_buf *buf;
	struct page *user_pg;		/* pins only */
};

/* Each branch stores the local into its own container (fuse_copy_fill()'s shape). */
int am_fill(struct am_state *st, unsigned long addr)
{
	struct page *page;

	if (st->buf) {
		page = alloc_page(0);
		if (!page)
			return -ENOMEM;
		st->buf->page = page;
	} else {
		if (pin_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1)
			return -EFAULT;
		st->user_pg = page;
	}
	return 0;
}

void am_buf_release(struct am_buf *b)
{
	put_page(b->page);
}

void am_finish(struct am_state *st)
{
	unpin_user_page(st->user_pg);
}

/* One object's life: the fill and both releases are tied by this caller. */
int am_io(struct am_state *st, unsigned long addr)
{
	int err = am_fill(st, addr);

	if (err)
		return err;
	if (st->buf)
		am_buf_release(st->buf);
	else
		am_finish(st);
	return 0;
}

struct at_state {
	struct page *pg;		/* a pin or an allocated page */
};

/* The twin: both branches store the local into one field, which one helper unpins. */
int at_fill(struct at_state *st, unsigned long addr, int high)
{
	struct page *page;

	if (high) {
		page = alloc_page(0);
		if (!page)
			return -ENOMEM;
		st->pg = page;
	} else {
		if (pin_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1)
			return -EFAULT;
		st->pg = page;
	}
	return 0;
}

void at_finish(struct at_state *st)
{
	unpin_user_page(st->pg);
}

int at_io(struct at_state *st, unsigned long addr, int high)
{
	int err = at_fill(st, addr, high);

	if (!err)
		at_finish(st);
	return err;
}

/*
 * am_fill()'s pin is put into st->user_pg only on the else branch; the store into
 * st->buf->page is on the then branch, exclusive of the pin's: the pins reach am_finish()'s
 * unpin, not am_buf_release()'s put_page(), and the allocated page reaches the put_page()
 * only.  No finding.  at_fill() stores the local into st->pg on both branches: the pin and
 * the allocated page both reach at_finish()'s unpin (mixed-origin, naming the pin's branch).
 *
 * check-plan-start
drivers/gupmix/arms.c:27:7: site: pin_user_pages_fast() in am_fill: pin -> pin_user_pages_fast [as written]: already a pin; pages kept in field struct am_state.user_pg
drivers/gupmix/arms.c:27:7: release: drivers/gupmix/arms.c:41:2: unpin_user_page() in am_finish -> unpin_user_page via field struct am_state.user_pg
drivers/gupmix/arms.c:73:7: site: pin_user_pages_fast() in at_fill: pin -> pin_user_pages_fast [as written]: already a pin; pages kept in field struct at_state.pg
drivers/gupmix/arms.c:73:7: release: drivers/gupmix/arms.c:82:2: unpin_user_page() in at_finish -> unpin_user_page via field struct at_state.pg
drivers/gupmix/arms.c:82:2: warning: unpin_user_page() releases pages of pin_user_pages_fast() at drivers/gupmix/arms.c:73 if !(high) and pages of alloc_page() at drivers/gupmix/arms.c:68, which GUP did not take, with no branch or flag between them: one of the two kinds is released the wrong way; release each by its own call, under the condition that tells them apart [mixed-origin]
 * check-plan-end
 */
