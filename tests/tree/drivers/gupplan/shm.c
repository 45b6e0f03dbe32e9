/* Fixture: a release that picks unpin or put by a flag on the object fits either kind of pages. */
#include <linux/mm.h>
#include <linux/slab.h>

struct plan_shm {
	struct page **pages;
	int n;
	bool user;
};

int plan_shm_register(struct plan_shm *shm, unsigned long addr, int n)
{
	int got = pin_user_pages_fast(addr, n, FOLL_WRITE, shm->pages);

	if (got != n)
		return -1;
	shm->n = n;
	shm->user = true;
	return 0;
}

static void plan_put_kernel_pages(struct page **pages, int n)
{
	int i;

	for (i = 0; i < n; i++)
		put_page(pages[i]);
}

void plan_shm_release(struct plan_shm *shm)
{
	if (shm->user)
		unpin_user_pages(shm->pages, shm->n);
	else
		plan_put_kernel_pages(shm->pages, shm->n);
	kfree(shm);
}

/*
 * check-name: a release that picks unpin or put by a flag fits either kind: no wrong-release, targets kept
 * check-plan-start
drivers/gupplan/shm.c:13:12: site: pin_user_pages_fast() in plan_shm_register: longterm-pin -> pin_user_pages_fast + FOLL_LONGTERM [case 2]: pages kept in field struct plan_shm.pages, released in plan_shm_release() (drivers/gupplan/shm.c:33) in the teardown that frees their holder: they outlive the system call
drivers/gupplan/shm.c:13:12: release: drivers/gupplan/shm.c:27:3: put_page() in plan_put_kernel_pages -> put_page via field struct plan_shm.pages (picked at run time by `shm->user`)
drivers/gupplan/shm.c:13:12: release: drivers/gupplan/shm.c:33:3: unpin_user_pages() in plan_shm_release -> unpin_user_pages via field struct plan_shm.pages (picked at run time by `shm->user`) if shm->user
drivers/gupplan/shm.c:13:12: error: pages pin_user_pages_fast() took are still held at the exit at line 16 and neither released nor handed off (path: lines 11,16) [error-path-leak]
drivers/gupplan/shm.c:13:12: warning: long-term pin without FOLL_LONGTERM: pages kept in field struct plan_shm.pages, released in plan_shm_release() (drivers/gupplan/shm.c:33) in the teardown that frees their holder: they outlive the system call [longterm-missing]
 * check-plan-end
 */
