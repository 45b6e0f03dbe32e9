/*
 * Fixture: shapes read in code only other ARCHes build (linux-6.1's powerpc KVM and VFIO
 * SPAPR, s390 KVM), on which the walk once reported what cannot happen, each beside a buggy
 * twin that stays reported: one array filled by two calls, its page copied out between them;
 * a page that leaves as its kernel address (returned) or its physical address (an out
 * parameter); one page taken into a pointer set to NULL, the result dropped.  The code is
 * written for this fixture, none is copied.
 */
#include <linux/mm.h>
#include <linux/slab.h>

#define PAGE_SIZE	4096UL
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#include "addr.h"

void *page_address(const struct page *page);
int addr_account(struct page *a, struct page *b);

/* (a) Silent: the first page is copied out before the second call refills the array. */
int addr_two(unsigned long a, unsigned long b, int both)
{
	struct page *pages[1], *first, *second = NULL;
	int rc;

	if (pin_user_pages_fast(a, 1, FOLL_WRITE | FOLL_LONGTERM, pages) != 1)
		return -EFAULT;
	first = pages[0];
	if (both) {
		if (pin_user_pages_fast(b, 1, FOLL_WRITE | FOLL_LONGTERM, pages) != 1) {
			rc = -EFAULT;
			goto unpin1;
		}
		second = pages[0];
	}
	rc = addr_account(first, second);
	if (rc)
		goto unpin2;
	return 0;
unpin2:
	if (both)
		unpin_user_page(second);
unpin1:
	unpin_user_page(first);
	return rc;
}

/* (a) Bug: both copies are taken after the second call: its page is unpinned twice. */
int addr_two_late(unsigned long a, unsigned long b)
{
	struct page *pages[1], *first, *second;

	if (pin_user_pages_fast(a, 1, FOLL_WRITE | FOLL_LONGTERM, pages) != 1)
		return -EFAULT;
	if (pin_user_pages_fast(b, 1, FOLL_WRITE | FOLL_LONGTERM, pages) != 1)
		return -EFAULT;
	first = pages[0];
	second = pages[0];
	unpin_user_page(second);
	unpin_user_page(first);
	return 0;
}

/* (b) Silent: the page goes back to the caller as its kernel address. */
void *addr_map(unsigned long a, unsigned long *nb)
{
	struct page *pages[1], *page;

	if (get_user_pages_fast(a, 1, FOLL_WRITE, pages) < 1)
		return NULL;
	page = pages[0];
	*nb = PAGE_SIZE - (a & ~PAGE_MASK);
	return page_address(page) + (a & ~PAGE_MASK);
}

/* (b) Bug: without somewhere to say its size, the page is dropped. */
void *addr_map_early(unsigned long a, unsigned long *nb)
{
	struct page *pages[1];

	if (get_user_pages_fast(a, 1, FOLL_WRITE, pages) < 1)
		return NULL;
	if (!nb)
		return NULL;
	*nb = PAGE_SIZE;
	return page_address(pages[0]);
}

/* (c) Silent: the page goes to the caller as a physical address. */
int addr_phys(unsigned long tce, unsigned long *hpa)
{
	struct page *page = NULL;

	if (pin_user_pages_fast(tce & PAGE_MASK, 1, FOLL_WRITE, &page) != 1)
		return -EFAULT;
	*hpa = __pa((unsigned long)page_address(page));
	return 0;
}

/* (c) Bug: the caller gets the user address back, and the page is never released. */
int addr_phys_lost(unsigned long tce, unsigned long *hpa)
{
	struct page *page = NULL;

	if (pin_user_pages_fast(tce & PAGE_MASK, 1, FOLL_WRITE, &page) != 1)
		return -EFAULT;
	*hpa = tce;
	return 0;
}

/* (d) Silent: one page into a NULL pointer; the caller tests the pointer. */
struct page *addr_one(struct mm_struct *mm, unsigned long a)
{
	struct page *page = NULL;

	get_user_pages_remote(mm, a, 1, FOLL_WRITE, &page, NULL, NULL);
	return page;
}

/* (d) Bug: the pointer is not set before, so a failed call returns stack garbage. */
struct page *addr_one_unset(struct mm_struct *mm, unsigned long a)
{
	struct page *page;

	get_user_pages_remote(mm, a, 1, FOLL_WRITE, &page, NULL, NULL);
	return page;
}

/*
 * addr_two_late's first page is lost when the second call refills the array: a leak the walk
 * does not see (its path ends at the next acquire of the same place), a known miss.
 * check-plan-start
drivers/gupaddr/addr.c:25:6: site: pin_user_pages_fast() in addr_two: longterm-pin -> pin_user_pages_fast [as written]: FOLL_LONGTERM is written at the call
drivers/gupaddr/addr.c:25:6: release: drivers/gupaddr/addr.c:41:3: unpin_user_page() in addr_two -> unpin_user_page if both
drivers/gupaddr/addr.c:25:6: release: drivers/gupaddr/addr.c:43:2: unpin_user_page() in addr_two -> unpin_user_page
drivers/gupaddr/addr.c:29:7: site: pin_user_pages_fast() in addr_two: longterm-pin -> pin_user_pages_fast [as written]: FOLL_LONGTERM is written at the call
drivers/gupaddr/addr.c:29:7: release: drivers/gupaddr/addr.c:41:3: unpin_user_page() in addr_two -> unpin_user_page if both
drivers/gupaddr/addr.c:29:7: release: drivers/gupaddr/addr.c:43:2: unpin_user_page() in addr_two -> unpin_user_page
drivers/gupaddr/addr.c:52:6: site: pin_user_pages_fast() in addr_two_late: longterm-pin -> pin_user_pages_fast [as written]: FOLL_LONGTERM is written at the call
drivers/gupaddr/addr.c:52:6: release: drivers/gupaddr/addr.c:58:2: unpin_user_page() in addr_two_late -> unpin_user_page
drivers/gupaddr/addr.c:52:6: release: drivers/gupaddr/addr.c:59:2: unpin_user_page() in addr_two_late -> unpin_user_page
drivers/gupaddr/addr.c:54:6: site: pin_user_pages_fast() in addr_two_late: longterm-pin -> pin_user_pages_fast [as written]: FOLL_LONGTERM is written at the call
drivers/gupaddr/addr.c:54:6: release: drivers/gupaddr/addr.c:58:2: unpin_user_page() in addr_two_late -> unpin_user_page
drivers/gupaddr/addr.c:54:6: release: drivers/gupaddr/addr.c:59:2: unpin_user_page() in addr_two_late -> unpin_user_page
drivers/gupaddr/addr.c:54:6: error: the pages pin_user_pages_fast() took are released twice on one path, at lines 58,59 (path: lines 54,56) [double-release]
drivers/gupaddr/addr.c:68:6: site: get_user_pages_fast() in addr_map: pin -> pin_user_pages_fast [case 5]: the pages' data is used (page_address)
drivers/gupaddr/addr.c:80:6: site: get_user_pages_fast() in addr_map_early: pin -> pin_user_pages_fast [case 5]: the pages' data is used (page_address)
drivers/gupaddr/addr.c:80:6: error: pages get_user_pages_fast() took are still held at the exit at line 83 and neither released nor handed off (path: lines 76,82,83) [error-path-leak]
drivers/gupaddr/addr.c:93:6: site: pin_user_pages_fast() in addr_phys: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupaddr/addr.c:104:6: site: pin_user_pages_fast() in addr_phys_lost: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupaddr/addr.c:104:6: error: pages pin_user_pages_fast() took are still held at the exit at line 107 and neither released nor handed off (path: lines 100,106) [error-path-leak]
drivers/gupaddr/addr.c:104:6: error: pages taken by pin_user_pages_fast() into &page reach no release on any path [unreleased]
drivers/gupaddr/addr.c:115:2: site: get_user_pages_remote() in addr_one: unknown -> get_user_pages_remote [returned]: the pages are handed to callers outside the files read
drivers/gupaddr/addr.c:124:2: site: get_user_pages_remote() in addr_one_unset: unknown -> get_user_pages_remote [returned]: the pages are handed to callers outside the files read
drivers/gupaddr/addr.c:124:2: warning: the return value of get_user_pages_remote() is ignored: when it takes fewer pages than asked, which ones to release is unknown [unchecked-result]
 * check-plan-end
 */
