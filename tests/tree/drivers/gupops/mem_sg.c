/* Fixture: one memory of the queue: its table is a designated initializer, its functions static. */
#include <linux/mm.h>
#include <linux/slab.h>
#include "gupops.h"

struct ops_sg_buf {
	struct page **pages;
	int n;
};

/* The buffer keeps its pages until put_userptr, which only core.c's release calls, by the table. */
static void *ops_sg_get_userptr(unsigned long addr, int n)
{
	struct ops_sg_buf *buf = kcalloc(1, sizeof(*buf), GFP_KERNEL);

	if (!buf)
		return 0;
	buf->pages = kcalloc(n, sizeof(*buf->pages), GFP_KERNEL);
	if (!buf->pages) {
		kfree(buf);
		return 0;
	}
	buf->n = get_user_pages_fast(addr, n, FOLL_WRITE, buf->pages);
	return buf;
}

static void ops_sg_put_userptr(void *priv)
{
	struct ops_sg_buf *buf = priv;
	int i;

	for (i = 0; i < buf->n; i++)
		put_page(buf->pages[i]);
	kfree(buf->pages);
	kfree(buf);
}

static void ops_sg_put_pages(struct page **pages, int n)
{
	int i;

	for (i = 0; i < n; i++)
		unpin_user_page(pages[i]);
}

const struct ops_mem_ops ops_sg_memops = {
	.get_userptr = ops_sg_get_userptr,
	.put_userptr = ops_sg_put_userptr,
	.put_pages = ops_sg_put_pages,
};

/*
 * check-name: put_userptr frees the buffer that holds the pages and is called, through the table,
 * from core.c's ops_queue_release(), named for a teardown: long-term (case 2)
 * check-plan-start
drivers/gupops/mem_sg.c:23:11: site: get_user_pages_fast() in ops_sg_get_userptr: longterm-pin -> pin_user_pages_fast + FOLL_LONGTERM [case 2]: pages kept in field struct ops_sg_buf.pages, released in ops_sg_put_userptr() (drivers/gupops/mem_sg.c:33), called from ops_queue_release() in the teardown that frees their holder: they outlive the system call
drivers/gupops/mem_sg.c:23:11: release: drivers/gupops/mem_sg.c:33:3: put_page() in ops_sg_put_userptr -> unpin_user_page via field struct ops_sg_buf.pages
drivers/gupops/mem_sg.c:23:11: warning: long-term pin without FOLL_LONGTERM: pages kept in field struct ops_sg_buf.pages, released in ops_sg_put_userptr() (drivers/gupops/mem_sg.c:33), called from ops_queue_release() in the teardown that frees their holder: they outlive the system call [longterm-missing]
 * check-plan-end
 */
