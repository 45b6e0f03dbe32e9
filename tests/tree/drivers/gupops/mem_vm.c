/* Fixture: another memory of the queue: a positional table, and a member assigned at run time. */
#include <linux/mm.h>
#include "gupops.h"

static void ops_vm_put_pages(struct page **pages, int n)
{
	unpin_user_pages(pages, n);
}

static void ops_vm_put_pages_dirty(struct page **pages, int n)
{
	unpin_user_pages_dirty_lock(pages, n, 1);
}

const struct ops_mem_ops ops_vm_memops = { 0, 0, ops_vm_put_pages };

void ops_vm_setup(struct ops_mem_ops *ops)
{
	ops->put_pages = ops_vm_put_pages_dirty;
}

/*
 * check-name: no site here; core.c pairs its pin with both functions
 * check-plan-start
 * check-plan-end
 */
