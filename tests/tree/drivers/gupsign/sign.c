/*
 * Fixture: result-unsigned, as in "KVM: SVM: fix svn_pin_memory()'s use of get_user_pages_fast()"
 * (v5.4's unsigned long npinned) and "misc: xilinx-sdfec: improve get_user_pages_fast() error
 * handling" (v5.4's u32 res), flagged on v5.4, silent on v5.10 (read, not copied): a result kept
 * or compared unsigned; -EFAULT in an unsigned int is 4294967282 pages.  Each bug has a twin.
 */
#include "gupsign.h"

/* Bug: the count lives in an unsigned int: -EFAULT reads as 4294967282 pages. */
int sign_unsigned_var(unsigned long addr, int n, struct page **pages)
{
	unsigned int pinned;

	pinned = pin_user_pages_fast(addr, n, 0, pages);
	if (pinned != n) {
		unpin_user_pages(pages, pinned);
		return -EFAULT;
	}
	unpin_user_pages(pages, pinned);
	return 0;
}

/* Twin: a signed count, tested for < 0 first. */
int sign_signed_var(unsigned long addr, int n, struct page **pages)
{
	int pinned = pin_user_pages_fast(addr, n, 0, pages);

	if (pinned < 0)
		return pinned;
	if (pinned != n) {
		unpin_user_pages(pages, pinned);
		return -EFAULT;
	}
	unpin_user_pages(pages, pinned);
	return 0;
}

/* Bug: a long against an unsigned long count, before any < 0 test: -EFAULT passes. */
long sign_compare_unsigned(unsigned long addr, unsigned long nr_pages, struct page **pages)
{
	long ret = pin_user_pages(addr, nr_pages, 0, pages, NULL);

	if (ret < nr_pages) {
		if (ret > 0)
			unpin_user_pages(pages, ret);
		return -EFAULT;
	}
	unpin_user_pages(pages, ret);
	return 0;
}

/* Twin: the same comparison after the failure test. */
long sign_compare_checked(unsigned long addr, unsigned long nr_pages, struct page **pages)
{
	long ret = pin_user_pages(addr, nr_pages, 0, pages, NULL);

	if (ret <= 0)
		return ret ? ret : -EFAULT;
	if (ret < nr_pages) {
		unpin_user_pages(pages, ret);
		return -EFAULT;
	}
	unpin_user_pages(pages, ret);
	return 0;
}

/* Twin: int against int compares signed; -EFAULT < n is an honest failure. */
int sign_compare_int(unsigned long addr, int n, struct page **pages)
{
	int got = get_user_pages_fast(addr, n, 0, pages);

	if (got < n) {
		while (got > 0)
			put_page(pages[--got]);
		return -EFAULT;
	}
	release_pages(pages, got);
	return 0;
}

/*
 * Twin: the result goes to out: by a goto; the loop between compares another count kept in
 * ret (the shape of mm/frame_vector.c's get_vaddr_frames() in v5.4-v5.10, whose pfn loop
 * "while (ret < nr_frames)" never sees the acquire's result): out: tests it for <= 0 first.
 */
long sign_goto_out(unsigned long addr, unsigned long nr_pages, struct page **pages, int pfns)
{
	long ret = 0;

	if (!pfns) {
		ret = pin_user_pages(addr, nr_pages, 0, pages, NULL);
		goto out;
	}
	while (ret < nr_pages)
		ret++;
	return ret;
out:
	if (ret <= 0)
		return ret ? ret : -EFAULT;
	unpin_user_pages(pages, ret);
	return 0;
}

/* Bug: the same goto, but out: compares the result as unsigned before any < 0 test. */
long sign_goto_unsigned(unsigned long addr, unsigned long nr_pages, struct page **pages, int pfns)
{
	long ret = 0;

	if (!pfns) {
		ret = pin_user_pages(addr, nr_pages, 0, pages, NULL);
		goto out;
	}
	return ret;
out:
	if (ret < nr_pages) {
		if (ret > 0)
			unpin_user_pages(pages, ret);
		return -EFAULT;
	}
	unpin_user_pages(pages, ret);
	return 0;
}

/*
 * check-name: result-unsigned: an unsigned count, an unsigned comparison before the < 0 test, on
 * the result's own paths (a goto's label on)
 * check-plan-start
drivers/gupsign/sign.c:14:11: site: pin_user_pages_fast() in sign_unsigned_var: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupsign/sign.c:14:11: release: drivers/gupsign/sign.c:16:3: unpin_user_pages() in sign_unsigned_var -> unpin_user_pages if pinned != n
drivers/gupsign/sign.c:14:11: release: drivers/gupsign/sign.c:19:2: unpin_user_pages() in sign_unsigned_var -> unpin_user_pages
drivers/gupsign/sign.c:14:11: error: the result of pin_user_pages_fast() is stored in pinned, of unsigned type unsigned int: a negative error reads as a count of pages [result-unsigned]
drivers/gupsign/sign.c:16:3: error: the release at line 16 takes pinned, the result of pin_user_pages_fast() at line 14, as its count on a path where it may be a negative error (path: lines 10,15) [release-count]
drivers/gupsign/sign.c:26:15: site: pin_user_pages_fast() in sign_signed_var: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupsign/sign.c:26:15: release: drivers/gupsign/sign.c:31:3: unpin_user_pages() in sign_signed_var -> unpin_user_pages if pinned != n
drivers/gupsign/sign.c:26:15: release: drivers/gupsign/sign.c:34:2: unpin_user_pages() in sign_signed_var -> unpin_user_pages
drivers/gupsign/sign.c:41:13: site: pin_user_pages() in sign_compare_unsigned: pin -> pin_user_pages [as written]: already a pin
drivers/gupsign/sign.c:41:13: release: drivers/gupsign/sign.c:45:4: unpin_user_pages() in sign_compare_unsigned -> unpin_user_pages if ret > 0
drivers/gupsign/sign.c:41:13: release: drivers/gupsign/sign.c:48:2: unpin_user_pages() in sign_compare_unsigned -> unpin_user_pages
drivers/gupsign/sign.c:41:13: error: the result of pin_user_pages(), in ret is compared as unsigned at line 43 (ret < nr_pages) before any test for < 0: a negative error passes as a large count [result-unsigned]
drivers/gupsign/sign.c:55:13: site: pin_user_pages() in sign_compare_checked: pin -> pin_user_pages [as written]: already a pin
drivers/gupsign/sign.c:55:13: release: drivers/gupsign/sign.c:60:3: unpin_user_pages() in sign_compare_checked -> unpin_user_pages if ret < nr_pages
drivers/gupsign/sign.c:55:13: release: drivers/gupsign/sign.c:63:2: unpin_user_pages() in sign_compare_checked -> unpin_user_pages
drivers/gupsign/sign.c:70:12: site: get_user_pages_fast() in sign_compare_int: pin -> pin_user_pages_fast [case 5]: the pages reach their callers, which gupcheck cannot follow: a pin is the safe choice
drivers/gupsign/sign.c:70:12: release: drivers/gupsign/sign.c:74:4: put_page() in sign_compare_int -> unpin_user_page if got < n
drivers/gupsign/sign.c:70:12: release: drivers/gupsign/sign.c:77:2: release_pages() in sign_compare_int -> unpin_user_pages
drivers/gupsign/sign.c:91:9: site: pin_user_pages() in sign_goto_out: pin -> pin_user_pages [as written]: already a pin
drivers/gupsign/sign.c:91:9: release: drivers/gupsign/sign.c:100:2: unpin_user_pages() in sign_goto_out -> unpin_user_pages
drivers/gupsign/sign.c:110:9: site: pin_user_pages() in sign_goto_unsigned: pin -> pin_user_pages [as written]: already a pin
drivers/gupsign/sign.c:110:9: release: drivers/gupsign/sign.c:117:4: unpin_user_pages() in sign_goto_unsigned -> unpin_user_pages if ret > 0
drivers/gupsign/sign.c:110:9: release: drivers/gupsign/sign.c:120:2: unpin_user_pages() in sign_goto_unsigned -> unpin_user_pages
drivers/gupsign/sign.c:110:9: error: the result of pin_user_pages(), in ret is compared as unsigned at line 115 (ret < nr_pages) before any test for < 0: a negative error passes as a large count [result-unsigned]
 * check-plan-end
 */
