/* Fixture: the message's teardown, which names no GUP function: the descriptor is released through a pointer to it. */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/scatterlist.h>
#include "embed.h"

static void emb_op_release(struct emb_op *op)
{
	struct scatterlist *sg;
	int i;

	for (i = 0; i < op->npages; i++)
		put_page(op->pages[i]);
	kfree(op->pages);
	for (sg = op->table.sgl; sg; sg = sg_next(sg))
		put_page(sg_page(sg));
	sg_free_table(&op->table);
}

void emb_msg_destroy(struct emb_msg *msg)
{
	struct emb_op *op = &msg->op;

	emb_op_release(op);
	kfree(msg);
}

/*
 * check-name: no site here (ring 2: it names the field and the struct the pages are stored in)
 * check-plan-start
 * check-plan-end
 */
