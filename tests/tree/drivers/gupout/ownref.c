/* Fixture: a helper that takes its own reference before storing: the container is not the caller's. */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/scatterlist.h>

void sg_set_page(struct scatterlist *sg, struct page *page, unsigned int len, unsigned int offset);
void get_page(struct page *page);

struct own_buf {
	struct scatterlist *sgl;
};

/* Like a pipe buffer or skb fill: the sg entry holds the reference taken here. */
static void own_store(struct scatterlist *sg, struct page *page)
{
	get_page(page);
	sg_set_page(sg, page, 4096, 0);
}

int own_copy(struct own_buf *b, unsigned long addr)
{
	struct page *page;
	int got = pin_user_pages_fast(addr, 1, 0, &page);

	if (got != 1)
		return -EFAULT;
	own_store(b->sgl, page);
	unpin_user_page(page);
	return 0;
}

void own_buf_release(struct own_buf *b)
{
	put_page(sg_page(b->sgl));
	kfree(b);
}

/*
 * check-name: over-reach: own_store() takes its own reference (get_page()) before the sg entry
 * holds the page, so own_buf_release()'s put_page() is that reference's, not the pin's: the pin is
 * released by unpin_user_page() only, and nothing is kept
 * check-plan-start
drivers/gupout/ownref.c:23:12: site: pin_user_pages_fast() in own_copy: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupout/ownref.c:23:12: release: drivers/gupout/ownref.c:28:2: unpin_user_page() in own_copy -> unpin_user_page
 * check-plan-end
 */
