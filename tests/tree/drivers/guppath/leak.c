/*
 * Fixture: error-path-leak and double-release, each with its twin.  Modeled on upstream fixes
 * (read, not copied): "rapidio: fix an error in get_user_pages_fast() error handling" and "fpga:
 * dfl: afu: Corrected error handling levels" (a partial pin left pinned on the error path),
 * "drivers/virt/fsl_hypervisor: Fix error handling path" (the partially pinned pages released
 * on the way out, and only those).
 */
#include <linux/mm.h>
#include <linux/slab.h>
#define unlikely(x) __builtin_expect(!!(x), 0)
int map_step(void *dev, struct page **pages, int n);

int leak_partial(unsigned long addr, int n)
{
	struct page **pages = kcalloc(n, sizeof(*pages), GFP_KERNEL);
	int ret;

	ret = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (ret != n) {
		ret = -EFAULT;
		goto out;
	}
	unpin_user_pages(pages, n);
	ret = 0;
out:
	kfree(pages);
	return ret;
}

int fixed_partial(unsigned long addr, int n)
{
	struct page **pages = kcalloc(n, sizeof(*pages), GFP_KERNEL);
	int ret;

	ret = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (ret < 0)
		goto out;
	if (ret != n) {
		unpin_user_pages(pages, ret);
		ret = -EFAULT;
		goto out;
	}
	unpin_user_pages(pages, n);
	ret = 0;
out:
	kfree(pages);
	return ret;
}

/* A later step fails after a full pin: the error path forgets the pages. */
int leak_step(void *dev, unsigned long addr, int n)
{
	struct page **pages = kcalloc(n, sizeof(*pages), GFP_KERNEL);
	int got, err = 0;

	got = pin_user_pages_fast(addr, n, 0, pages);
	if (got <= 0) {
		err = -EFAULT;
		goto free;
	}
	if (!map_step(dev, 0, got)) {
		err = -ENOMEM;
		goto free;
	}
	unpin_user_pages(pages, got);
free:
	kfree(pages);
	return err;
}

/* Correlated conditions: "if (got > 0)" at the label is false on the failure path. */
int fixed_step(void *dev, unsigned long addr, int n)
{
	struct page **pages = kcalloc(n, sizeof(*pages), GFP_KERNEL);
	int got, err = 0;

	got = pin_user_pages_fast(addr, n, 0, pages);
	if (unlikely(got < 0)) {
		err = got;
		goto free;
	}
	if (!map_step(dev, 0, got))
		err = -ENOMEM;
	if (got > 0)
		unpin_user_pages(pages, got);
free:
	kfree(pages);
	return err;
}

/* Released on the error path, then again at the shared label. */
int double_unpin(unsigned long addr, int n)
{
	struct page *pages[16];
	int ret;

	ret = pin_user_pages_fast(addr, n, 0, pages);
	if (ret <= 0)
		return -EFAULT;
	if (ret != n) {
		unpin_user_pages(pages, ret);
		goto out;
	}
	ret = 0;
out:
	unpin_user_pages(pages, n);
	return ret;
}

int single_twin(unsigned long addr)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1)
		return -EFAULT;
	put_page(page);
	return 0;
}

/*
 * check-name: the path walk's leaks and double releases
 * check-plan-start
drivers/guppath/leak.c:18:8: site: pin_user_pages_fast() in leak_partial: pin -> pin_user_pages_fast [as written]: already a pin
drivers/guppath/leak.c:18:8: release: drivers/guppath/leak.c:23:2: unpin_user_pages() in leak_partial -> unpin_user_pages
drivers/guppath/leak.c:18:8: error: pages pin_user_pages_fast() took are still held at the exit at line 27 and neither released nor handed off (path: lines 13,19,25) [error-path-leak]
drivers/guppath/leak.c:35:8: site: pin_user_pages_fast() in fixed_partial: pin -> pin_user_pages_fast [as written]: already a pin
drivers/guppath/leak.c:35:8: release: drivers/guppath/leak.c:39:3: unpin_user_pages() in fixed_partial -> unpin_user_pages if ret != n
drivers/guppath/leak.c:35:8: release: drivers/guppath/leak.c:43:2: unpin_user_pages() in fixed_partial -> unpin_user_pages
drivers/guppath/leak.c:56:8: site: pin_user_pages_fast() in leak_step: pin -> pin_user_pages_fast [as written]: already a pin
drivers/guppath/leak.c:56:8: release: drivers/guppath/leak.c:65:2: unpin_user_pages() in leak_step -> unpin_user_pages
drivers/guppath/leak.c:56:8: error: pages pin_user_pages_fast() took are still held at the exit at line 68 and neither released nor handed off (path: lines 51,61,66) [error-path-leak]
drivers/guppath/leak.c:77:8: site: pin_user_pages_fast() in fixed_step: pin -> pin_user_pages_fast [as written]: already a pin
drivers/guppath/leak.c:77:8: release: drivers/guppath/leak.c:85:3: unpin_user_pages() in fixed_step -> unpin_user_pages if got > 0
drivers/guppath/leak.c:97:8: site: pin_user_pages_fast() in double_unpin: pin -> pin_user_pages_fast [as written]: already a pin
drivers/guppath/leak.c:97:8: release: drivers/guppath/leak.c:101:3: unpin_user_pages() in double_unpin -> unpin_user_pages if ret != n
drivers/guppath/leak.c:97:8: release: drivers/guppath/leak.c:106:2: unpin_user_pages() in double_unpin -> unpin_user_pages
drivers/guppath/leak.c:97:8: error: the pages pin_user_pages_fast() took are released twice on one path, at lines 101,106 (path: lines 92,100,105) [double-release]
drivers/guppath/leak.c:106:2: error: the release at line 106 covers n pages, the count asked of pin_user_pages_fast() at line 97, on a path where it may have taken fewer (path: lines 92,100,105) [release-count]
drivers/guppath/leak.c:114:6: site: get_user_pages_fast() in single_twin: ref -> get_user_pages_fast [case 4]: the pages are only released (their struct page's count)
drivers/guppath/leak.c:114:6: release: drivers/guppath/leak.c:116:2: put_page() in single_twin -> put_page
 * check-plan-end
 */
