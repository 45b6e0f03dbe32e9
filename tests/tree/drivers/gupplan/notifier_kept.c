/* Fixture: a file with an MMU notifier whose GUP pages are not case 3 (kept, filled, unknown). */
#include <linux/mm.h>
#include <linux/mmu_notifier.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

struct nk_obj {
	struct mmu_interval_notifier notifier;
	struct sg_table sgt;
	struct page **pages;
	int n;
};

void nk_device_map(struct page *page);

/* kept in a heap object and released in its teardown: held like any DMA buffer */
int nk_register(struct nk_obj *obj, unsigned long addr, int n)
{
	struct page **pages = kcalloc(n, sizeof(*pages), GFP_KERNEL);

	if (get_user_pages_fast(addr, n, FOLL_WRITE, pages) != n)
		return -EFAULT;
	obj->pages = pages;
	obj->n = n;
	return 0;
}

void nk_destroy(struct nk_obj *obj)
{
	release_pages(obj->pages, obj->n);
	kfree(obj->pages);
	kfree(obj);
}

/* handed to sg_alloc_table_from_pages() of the object's own table */
int nk_map_sg(struct nk_obj *obj, unsigned long addr, int n)
{
	struct page **pages = kcalloc(n, sizeof(*pages), GFP_KERNEL);

	if (get_user_pages_fast(addr, n, FOLL_WRITE, pages) != n)
		return -EFAULT;
	return sg_alloc_table_from_pages(&obj->sgt, pages, n, 0, n * 4096UL, GFP_KERNEL);
}

/* given to a function the walk cannot follow: nothing proves the device only keeps the address */
int nk_fault(struct nk_obj *obj, unsigned long addr)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1)
		return -EFAULT;
	nk_device_map(page);
	put_page(page);
	return 0;
}

/*
 * check-name: a notifier file that keeps its pages, fills its own sg table, or gives them to an unknown callee is not case 3
 * check-plan-start
drivers/gupplan/notifier_kept.c:21:6: site: get_user_pages_fast() in nk_register: longterm-pin -> pin_user_pages_fast + FOLL_LONGTERM [case 2]: pages kept in field struct nk_obj.pages, released in nk_destroy() (drivers/gupplan/notifier_kept.c:30) in the teardown that frees their holder: they outlive the system call
drivers/gupplan/notifier_kept.c:21:6: release: drivers/gupplan/notifier_kept.c:30:2: release_pages() in nk_destroy -> unpin_user_pages via field struct nk_obj.pages
drivers/gupplan/notifier_kept.c:21:6: error: pages get_user_pages_fast() took are still held at the exit at line 22 and neither released nor handed off (path: lines 17,22) [error-path-leak]
drivers/gupplan/notifier_kept.c:21:6: warning: long-term pin without FOLL_LONGTERM: pages kept in field struct nk_obj.pages, released in nk_destroy() (drivers/gupplan/notifier_kept.c:30) in the teardown that frees their holder: they outlive the system call [longterm-missing]
drivers/gupplan/notifier_kept.c:40:6: site: get_user_pages_fast() in nk_map_sg: pin -> pin_user_pages_fast [case 1]: pages go into an sg table or bio for DMA; kept in field struct nk_obj.sgt
drivers/gupplan/notifier_kept.c:40:6: error: pages get_user_pages_fast() took are still held at the exit at line 41 and neither released nor handed off (path: lines 36,41) [error-path-leak]
drivers/gupplan/notifier_kept.c:50:6: site: get_user_pages_fast() in nk_fault: pin -> pin_user_pages_fast [case 5]: drivers/gupplan/notifier_kept.c uses MMU notifiers or HMM, but the pages reach nk_device_map, which gupcheck cannot follow: a pin is the safe choice
drivers/gupplan/notifier_kept.c:50:6: release: drivers/gupplan/notifier_kept.c:53:2: put_page() in nk_fault -> unpin_user_page
 * check-plan-end
 */
