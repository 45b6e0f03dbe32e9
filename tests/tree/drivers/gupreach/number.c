/* Fixture: a field given the pages' physical addresses keeps their numbers, not the pages. */
#include "gupreach.h"

struct num_cmd {
	unsigned long long ptrs[16];
	int count;
};

struct num_pipe {
	struct page *pages[16];
	struct num_cmd *cmd;
};

/* goldfish_pin_pages()'s shape: the pin goes into the caller's array. */
static int num_pin(unsigned long addr, int n, struct page **pages)
{
	return pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
}

/* goldfish's populate_rw_params(): the device is told the pages' physical addresses. */
static void num_fill(struct page **pages, int n, struct num_cmd *cmd)
{
	unsigned long long xaddr;

	for (int i = 0; i < n; i++) {
		xaddr = page_to_phys(pages[i]);
		cmd->ptrs[i] = xaddr;
	}
	cmd->count = n;
}

int num_transfer(struct num_pipe *pipe, unsigned long addr, int n)
{
	int ret = num_pin(addr, n, pipe->pages);

	if (ret <= 0)
		return -EFAULT;
	num_fill(pipe->pages, ret, pipe->cmd);
	unpin_user_pages_dirty_lock(pipe->pages, ret, true);
	return 0;
}

/* The twin: a command that holds the pages themselves. */
struct num_page_cmd {
	struct page *pages[16];
};

int num_transfer_pages(struct num_page_cmd *cmd, unsigned long addr)
{
	struct page *pages[1];
	int ret = pin_user_pages_fast(addr, 1, FOLL_WRITE, pages);

	if (ret != 1)
		return -EFAULT;
	cmd->pages[0] = pages[0];
	unpin_user_pages_dirty_lock(pages, 1, true);
	return 0;
}

/*
 * check-name: evidence: num_fill() gives struct num_cmd.ptrs the pages' physical addresses
 * (page_to_phys()), so the plan says their page numbers are kept there, not the pages; the
 * twin num_transfer_pages() stores the pages themselves but unpins them after the store on
 * every path of the function: a cache of the pointer, nothing kept (issue 15.4)
 * check-plan-start
drivers/gupreach/number.c:17:9: site: pin_user_pages_fast() in num_pin: pin -> pin_user_pages_fast [as written]: already a pin; page numbers kept in field struct num_cmd.ptrs
drivers/gupreach/number.c:17:9: release: drivers/gupreach/number.c:39:2: unpin_user_pages_dirty_lock() in num_transfer -> unpin_user_pages_dirty_lock via field struct num_pipe.pages
drivers/gupreach/number.c:51:12: site: pin_user_pages_fast() in num_transfer_pages: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupreach/number.c:51:12: release: drivers/gupreach/number.c:56:2: unpin_user_pages_dirty_lock() in num_transfer_pages -> unpin_user_pages_dirty_lock
 * check-plan-end
 */
