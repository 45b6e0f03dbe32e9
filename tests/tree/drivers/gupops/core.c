/* Fixture: the queue core, which reaches its buffers' memory only through q->mem_ops. */
#include <linux/mm.h>
#include <linux/slab.h>
#include "gupops.h"

int ops_queue_get(struct ops_queue *q, unsigned long addr, int n)
{
	q->priv = q->mem_ops->get_userptr(addr, n);
	return q->priv ? 0 : -EFAULT;
}

void ops_queue_release(struct ops_queue *q)
{
	q->mem_ops->put_userptr(q->priv);
	kfree(q);
}

/* A short pin undone through the table: its pages go to every put_pages of ops_mem_ops. */
int ops_queue_probe(struct ops_queue *q, unsigned long addr, int n)
{
	struct page **pages = kcalloc(n, sizeof(*pages), GFP_KERNEL);
	int got;

	if (!pages)
		return -ENOMEM;
	got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (got > 0)
		q->mem_ops->put_pages(pages, got);
	kfree(pages);
	return got;
}

/*
 * check-name: a call through an ops member reaches every function assigned to that member of
 * that struct (mem_sg.c's initializer, mem_vm.c's assignment), not other.c's same-named member
 * check-plan-start
drivers/gupops/core.c:26:8: site: pin_user_pages_fast() in ops_queue_probe: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupops/core.c:26:8: release: drivers/gupops/mem_sg.c:43:3: unpin_user_page() in ops_sg_put_pages -> unpin_user_page via ops_sg_put_pages
drivers/gupops/core.c:26:8: release: drivers/gupops/mem_vm.c:7:2: unpin_user_pages() in ops_vm_put_pages -> unpin_user_pages via ops_vm_put_pages
drivers/gupops/core.c:26:8: release: drivers/gupops/mem_vm.c:12:2: unpin_user_pages_dirty_lock() in ops_vm_put_pages_dirty -> unpin_user_pages_dirty_lock via ops_vm_put_pages_dirty
 * check-plan-end
 */
