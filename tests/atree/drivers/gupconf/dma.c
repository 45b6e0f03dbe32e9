/*
 * Fixture: a call under a Kconfig symbol only the foo configuration sets, and one under a
 * symbol neither sets (issue 17).
 */
#include <linux/mm.h>
#include <linux/slab.h>

int dma_start(unsigned long addr)
{
	struct page *pages[1];
	int got = 0;

#ifdef CONFIG_GUPCONF_DMA
	got = pin_user_pages_fast(addr, 1, FOLL_WRITE, pages);
	if (got == 1)
		unpin_user_pages_dirty_lock(pages, 1, true);
#endif
#ifdef CONFIG_GUPCONF_NONE
	got = pin_user_pages_fast(addr, 1, 0, pages);
#endif
	return got;
}

/*
 * The file's facts are foo's, the configuration that compiles its first call; the second is
 * compiled by neither, and its symbol is defined by no Kconfig file.
 * check-plan-start
drivers/gupconf/dma.c:14:8: site: pin_user_pages_fast() in dma_start: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupconf/dma.c:14:8: release: drivers/gupconf/dma.c:16:3: unpin_user_pages_dirty_lock() in dma_start -> unpin_user_pages_dirty_lock if got == 1
drivers/gupconf/dma.c:14:8: compiled in: foo pin
drivers/gupconf/dma.c:19:8: site: pin_user_pages_fast(): unknown -> pin_user_pages_fast [not compiled]: x86, foo: in a preprocessor branch disabled in this configuration (#ifdef CONFIG_GUPCONF_NONE); CONFIG_GUPCONF_NONE is set in no configuration (no Kconfig file defines it)
 * check-plan-end
 */
