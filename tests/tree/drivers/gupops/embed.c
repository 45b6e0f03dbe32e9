/* Fixture: pages kept in a descriptor embedded in a message (msg->op.pages), released through a pointer to it. */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/scatterlist.h>
#include "embed.h"

void __gupcheck_where(const void *p);

int emb_msg_map(struct emb_msg *msg, unsigned long addr, int n)
{
	int got;

	msg->op.pages = kcalloc(n, sizeof(struct page *), GFP_KERNEL);
	if (!msg->op.pages)
		return -ENOMEM;
	got = get_user_pages_fast(addr, n, FOLL_WRITE, msg->op.pages);
	__gupcheck_where(msg->op.pages);
	if (got <= 0)
		return -EFAULT;
	msg->op.npages = got;
	return 0;
}

/* The sg table inside the descriptor is a container: it stands for the descriptor's field. */
int emb_msg_map_sg(struct emb_msg *msg, struct page **pages, unsigned long addr, int n)
{
	int got = get_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (got > 0)
		sg_alloc_table_from_pages(&msg->op.table, pages, got, 0, got * 4096ul, GFP_KERNEL);
	__gupcheck_where(msg->op.table.sgl);
	return got;
}

/*
 * check-name: a field of an embedded struct is named by that struct: msg->op.pages here and
 * op->pages in embed_free.c are one location; freeing the message frees the descriptor it embeds
 * check-plan-start
drivers/gupops/embed.c:16:8: site: get_user_pages_fast() in emb_msg_map: longterm-pin -> pin_user_pages_fast + FOLL_LONGTERM [case 2]: pages kept in field struct emb_op.pages, released in emb_op_release() (drivers/gupops/embed_free.c:13) in the teardown that frees their holder: they outlive the system call
drivers/gupops/embed.c:16:8: release: drivers/gupops/embed_free.c:13:3: put_page() in emb_op_release -> unpin_user_page via field struct emb_op.pages
drivers/gupops/embed.c:16:8: warning: long-term pin without FOLL_LONGTERM: pages kept in field struct emb_op.pages, released in emb_op_release() (drivers/gupops/embed_free.c:13) in the teardown that frees their holder: they outlive the system call [longterm-missing]
drivers/gupops/embed.c:17:2: probe: field:struct emb_op.pages; releases: drivers/gupops/embed_free.c:13 put_page(); kept in field struct emb_op.pages
drivers/gupops/embed.c:27:12: site: get_user_pages_fast() in emb_msg_map_sg: longterm-pin -> pin_user_pages_fast + FOLL_LONGTERM [case 2]: pages kept in field struct emb_op.table, released in emb_op_release() (drivers/gupops/embed_free.c:16) in the teardown that frees their holder: they outlive the system call
drivers/gupops/embed.c:27:12: release: drivers/gupops/embed_free.c:16:3: put_page() in emb_op_release -> unpin_user_page via field struct emb_op.table
drivers/gupops/embed.c:27:12: warning: get_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (put into an sg table or bio), but none of their releases dirties them (put_page() at drivers/gupops/embed_free.c:16 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
drivers/gupops/embed.c:27:12: warning: long-term pin without FOLL_LONGTERM: pages kept in field struct emb_op.table, released in emb_op_release() (drivers/gupops/embed_free.c:16) in the teardown that frees their holder: they outlive the system call [longterm-missing]
drivers/gupops/embed.c:31:2: probe: field:struct emb_op.table; releases: drivers/gupops/embed_free.c:16 put_page(); kept in field struct emb_op.table; back to unseen callers
 * check-plan-end
 */
