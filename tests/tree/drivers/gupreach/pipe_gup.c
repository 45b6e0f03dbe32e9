/* Fixture (twin of pipe.c): a pipe buffer given the references GUP took holds those pages. */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/highmem.h>

struct gup_pipe_buffer {
	struct page *page;
	unsigned int len;
};

struct gup_pipe {
	struct gup_pipe_buffer *bufs;
	unsigned int head;
};

/* v5.4 iter_to_pipe()'s shape: no reference of its own; the buffer takes over GUP's. */
static void gup_pipe_add(struct gup_pipe *pipe, struct page *page)
{
	struct gup_pipe_buffer *buf = &pipe->bufs[pipe->head++];

	buf->page = page;
	buf->len = 4096;
}

/* A reader of the pipe copies the data out. */
void gup_pipe_read(struct gup_pipe_buffer *buf, char *to)
{
	memcpy_from_page(to, buf->page, 0, buf->len);
}

/* The pipe's release drops the reference GUP took. */
void gup_pipe_buf_release(struct gup_pipe_buffer *buf)
{
	put_page(buf->page);
}

int gup_pipe_from_user(struct gup_pipe *pipe, unsigned long addr)
{
	struct page *page;
	int got = get_user_pages_fast(addr, 1, 0, &page);

	if (got != 1)
		return -EFAULT;
	gup_pipe_add(pipe, page);
	return 0;
}

/*
 * check-name: twin of pipe.c: gup_pipe_add() takes no reference of its own, so the pipe buffer
 * holds GUP's and gup_pipe_buf_release()'s put_page() is the site's release, through the field
 * check-plan-start
drivers/gupreach/pipe_gup.c:40:12: site: get_user_pages_fast() in gup_pipe_from_user: pin -> pin_user_pages_fast [case 5]: the pages' data is used (memcpy_from_page); kept in field struct gup_pipe_buffer.page
drivers/gupreach/pipe_gup.c:40:12: release: drivers/gupreach/pipe_gup.c:34:2: put_page() in gup_pipe_buf_release -> unpin_user_page via field struct gup_pipe_buffer.page
 * check-plan-end
 */
