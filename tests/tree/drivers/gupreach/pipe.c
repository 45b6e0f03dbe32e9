/* Fixture: a pipe buffer that takes its own reference does not hold the pages it is given. */
#include <linux/mm.h>
#include <linux/slab.h>

void get_page(struct page *page);

struct pipe_buffer {
	struct page *page;
	unsigned int len;
};

struct pipe_inode_info {
	struct pipe_buffer *bufs;
	unsigned int head;
};

/* v5.4 copy_page_to_iter_pipe()'s shape: the buffer holds the reference taken here. */
static void pipe_copy_page(struct pipe_inode_info *pipe, struct page *page)
{
	struct pipe_buffer *buf = &pipe->bufs[pipe->head++];

	get_page(buf->page = page);
	buf->len = 4096;
}

/* fuse_ref_page()'s shape: the reference first, then the store. */
static void pipe_ref_page(struct pipe_inode_info *pipe, struct page *page)
{
	struct pipe_buffer *buf = &pipe->bufs[pipe->head++];

	get_page(page);
	buf->page = page;
}

/* The pipe's own release: its own reference, never the pin. */
void pipe_buf_release(struct pipe_buffer *buf)
{
	put_page(buf->page);
}

int pipe_from_user(struct pipe_inode_info *pipe, unsigned long addr, int ref)
{
	struct page *page;
	int got = pin_user_pages_fast(addr, 1, 0, &page);

	if (got != 1)
		return -EFAULT;
	if (ref)
		pipe_ref_page(pipe, page);
	else
		pipe_copy_page(pipe, page);
	unpin_user_page(page);
	return 0;
}

/* A pipe reader that writes into the page: the pinned page's data, dirtied through the buffer. */
void pipe_buf_filled(struct pipe_buffer *buf)
{
	set_page_dirty_lock(buf->page);
}

/*
 * check-name: over-reach: pipe_copy_page() and pipe_ref_page() take their own reference
 * (get_page()) on the page they store in the pipe buffer, so pipe_buf_release()'s put_page() is
 * that reference's: the pin is released by unpin_user_page() only, and it is not kept in
 * struct pipe_buffer.page; the page is the same, so pipe_buf_filled()'s dirtying is the site's
 * check-plan-start
drivers/gupreach/pipe.c:44:12: site: pin_user_pages_fast() in pipe_from_user: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupreach/pipe.c:44:12: release: drivers/gupreach/pipe.c:52:2: unpin_user_page() in pipe_from_user -> unpin_user_page
drivers/gupreach/pipe.c:44:12: dirty: drivers/gupreach/pipe.c:59:2: set_page_dirty_lock() in pipe_buf_filled via field struct pipe_buffer.page
 * check-plan-end
 */
