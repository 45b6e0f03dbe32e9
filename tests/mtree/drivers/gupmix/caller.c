/* Fixture: a release helper that its callers call only under a test of the pages' kind. */
#include <linux/mm.h>

struct page *alloc_page(unsigned int gfp);

struct cl_buf {
	struct page *pages[4];
	int user;			/* the pages are GUP's, not allocated */
};

/* Takes user pages into the buffer. */
int cl_map_user(struct cl_buf *b, unsigned long addr)
{
	int got = get_user_pages_fast(addr, 4, FOLL_WRITE, b->pages);

	if (got != 4)
		return -1;
	b->user = 1;
	return 0;
}

/* Allocates the buffer's pages instead. */
int cl_map_copy(struct cl_buf *b)
{
	for (int i = 0; i < 4; i++)
		b->pages[i] = alloc_page(0);
	b->user = 0;
	return 0;
}

/* Drops the user pages. */
static void cl_unmap_user(struct cl_buf *b)
{
	for (int i = 0; i < 4; i++)
		put_page(b->pages[i]);
}

/* Drops the allocated pages. */
static void cl_uncopy(struct cl_buf *b)
{
	for (int i = 0; i < 4; i++)
		put_page(b->pages[i]);
}

/* The caller picks the release by the buffer's kind. */
int cl_io(struct cl_buf *b, unsigned long addr, int copy)
{
	int ret = copy ? cl_map_copy(b) : cl_map_user(b, addr);

	if (ret)
		return ret;
	if (b->user)
		cl_unmap_user(b);
	else
		cl_uncopy(b);
	return 0;
}

/*
 * Both kinds of page are kept in struct cl_buf.pages, and both puts are reached from both, but
 * their one caller picks one or the other by "if (b->user) ... else ...": the kinds are told
 * apart by the caller (as __blk_rq_unmap_user() picks bio_unmap_user() by BIO_USER_MAPPED in
 * v5.4): no mixed-origin (the binary before this rule warned at both puts).  A call under an
 * if with no other call in its else arm picks nothing (arms.c's at_io(): "if (!err)").
 * The site keeps its pages in the caller's object (case 5: a pin), and both puts read
 * struct cl_buf.pages, so both are listed as its releases: cl_uncopy()'s is the field model's
 * over-reach (one location per struct type), which this rule does not change.
 *
 * check-plan-start
drivers/gupmix/caller.c:14:12: site: get_user_pages_fast() in cl_map_user: pin -> pin_user_pages_fast [case 5]: the pages reach their callers, which gupcheck cannot follow: a pin is the safe choice; kept in field struct cl_buf.pages
drivers/gupmix/caller.c:14:12: release: drivers/gupmix/caller.c:35:3: put_page() in cl_unmap_user -> unpin_user_page via field struct cl_buf.pages
drivers/gupmix/caller.c:14:12: release: drivers/gupmix/caller.c:42:3: put_page() in cl_uncopy -> unpin_user_page via field struct cl_buf.pages
drivers/gupmix/caller.c:14:12: error: pages get_user_pages_fast() took are still held at the exit at line 17 and neither released nor handed off (path: lines 12,17) [error-path-leak]
 * check-plan-end
 */
