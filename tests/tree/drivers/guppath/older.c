/*
 * Fixture: path shapes of v5.4 and v5.10 code on which the walk once reported what cannot
 * happen, each beside a buggy twin that stays reported.  The shapes were read in v5.4's
 * ivtv-yuv.c and umem_odp.c (slices of one array), madvise.c (memory_failure() puts its own
 * reference), v5.10's io_uring.c ("ret = pret < 0 ? pret : -EFAULT"), v5.4's radeon_ttm.c (a
 * local pointing into a field's array), fsl_hypervisor.c (a release loop that skips NULL
 * entries) and privcmd.c (a helper filling its caller's array, which the caller empties); the
 * code is written for this fixture, none is copied.
 */
#include <linux/mm.h>
#include <linux/slab.h>

#define EIO		5
#define EBUSY		16
#define ENOSPC		28
#define EOPNOTSUPP	95

int op_check(struct page *page);
int op_account(struct page **pages, int n);
int op_map(void *dev, struct page **pages, int n);
int op_hypercall(unsigned long *uaddrs, int num);
int op_ready(void *dev);
unsigned long page_to_pfn(struct page *page);
struct page *pfn_to_page(unsigned long pfn);
extern struct page **op_table;

/* (a) An element, then the tail after it: no page is released twice. */
int op_tail(unsigned long addr, int n, struct page **pages)
{
	int got = pin_user_pages_fast(addr, n, 0, pages);
	int j;

	if (got <= 0)
		return -EFAULT;
	for (j = 0; j < got; j++)
		if (op_check(pages[j]) < 0)
			break;
	if (j < got) {
		unpin_user_page(pages[j]);
		unpin_user_pages(&pages[j + 1], got - (j + 1));
		return -EIO;
	}
	op_table = pages;
	return 0;
}

/* (a') Bug: the element, then the whole array again. */
int op_tail_twice(unsigned long addr, int n, struct page **pages)
{
	int got = pin_user_pages_fast(addr, n, 0, pages);
	int j;

	if (got <= 0)
		return -EFAULT;
	for (j = 0; j < got; j++)
		if (op_check(pages[j]) < 0)
			break;
	if (j < got) {
		unpin_user_page(pages[j]);
		unpin_user_pages(pages, got);
		return -EIO;
	}
	op_table = pages;
	return 0;
}

/* A callee that releases the page it is given when it cannot use it, and keeps it else. */
static int op_map_one(struct page *page)
{
	if (op_check(page) < 0) {
		unpin_user_page(page);
		return -EIO;
	}
	return 0;
}

/*
 * (b) Each iteration releases its own element or hands it to op_map_one(): the element the
 * last iteration released is not the one the next passes on.
 */
int op_each(unsigned long addr, int n, struct page **pages)
{
	int got = pin_user_pages_fast(addr, n, 0, pages);
	int j, ret = 0;

	if (got <= 0)
		return -EFAULT;
	for (j = 0; j < got; j++) {
		if (op_check(pages[j]) > 0) {
			unpin_user_page(pages[j]);
			continue;
		}
		ret = op_map_one(pages[j]);
		if (ret < 0)
			break;
	}
	if (ret < 0 && got - (j + 1) > 0)
		unpin_user_pages(&pages[j + 1], got - (j + 1));
	return ret;
}

/* memory_failure() (kernel.def INSPECT) takes and puts a reference of its own. */
int memory_failure(unsigned long pfn, int flags)
{
	struct page *p = pfn_to_page(pfn);

	if (flags)
		return -EBUSY;
	put_page(p);
	return 0;
}

/* A helper that puts the page of the number it is given. */
static void op_drop_pfn(unsigned long pfn)
{
	put_page(pfn_to_page(pfn));
}

/* (c) The reference dropped, then the page's number to memory_failure(): once. */
int op_inject(unsigned long addr)
{
	struct page *page;
	unsigned long pfn;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1)
		return -EFAULT;
	pfn = page_to_pfn(page);
	put_page(page);
	return memory_failure(pfn, 0);
}

/* (c') Bug: dropped, then the number to a helper that drops it again. */
int op_inject_twice(unsigned long addr)
{
	struct page *page;
	unsigned long pfn;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1)
		return -EFAULT;
	pfn = page_to_pfn(page);
	put_page(page);
	op_drop_pfn(pfn);
	return 0;
}

/*
 * (d) "ret = pret < 0 ? pret : -EFAULT" is never 0: past "if (ret)", pret is the full count,
 * and the second release's count is no error.
 */
int op_register(unsigned long addr, int n, struct page **pages)
{
	int pret, ret = 0;

	pret = pin_user_pages_fast(addr, n, FOLL_WRITE | FOLL_LONGTERM, pages);
	if (pret == n) {
		if (op_check(pages[0]) < 0)
			ret = -EOPNOTSUPP;
	} else {
		ret = pret < 0 ? pret : -EFAULT;
	}
	if (ret) {
		if (pret > 0)
			unpin_user_pages(pages, pret);
		return ret;
	}
	ret = op_account(pages, pret);
	if (ret) {
		unpin_user_pages(pages, pret);
		return ret;
	}
	op_table = pages;
	return 0;
}

/* (d') Bug: the first release without "if (pret > 0)": pret may be the error. */
int op_register_neg(unsigned long addr, int n, struct page **pages)
{
	int pret, ret = 0;

	pret = pin_user_pages_fast(addr, n, FOLL_WRITE | FOLL_LONGTERM, pages);
	if (pret != n)
		ret = pret < 0 ? pret : -EFAULT;
	if (ret) {
		unpin_user_pages(pages, pret);
		return ret;
	}
	op_table = pages;
	return 0;
}

struct op_tt {
	struct page **pages;
	int num;
	void *dev;
};

/* (e) Each pass pins into "tt->pages + pinned"; the error path releases tt->pages. */
int op_pin_tt(struct op_tt *tt, unsigned long addr)
{
	int pinned = 0, r;

	do {
		struct page **pages = tt->pages + pinned;

		r = get_user_pages_fast(addr + pinned * 4096ul, tt->num - pinned, FOLL_WRITE, pages);
		if (r < 0)
			goto release;
		pinned += r;
	} while (pinned < tt->num);
	r = op_map(tt->dev, tt->pages, tt->num);
	if (r)
		goto release;
	return 0;
release:
	release_pages(tt->pages, pinned);
	return r;
}

/* (e') Bug: the device's failure returns with the pages still pinned. */
int op_pin_tt_leak(struct op_tt *tt, unsigned long addr)
{
	int pinned = 0, r;

	do {
		struct page **pages = tt->pages + pinned;

		r = get_user_pages_fast(addr + pinned * 4096ul, tt->num - pinned, FOLL_WRITE, pages);
		if (r < 0)
			return r;
		pinned += r;
	} while (pinned < tt->num);
	if (op_ready(tt->dev) < 0)
		return -EIO;
	op_table = tt->pages;
	return 0;
}

/* (f) A zeroed array, released entry by entry where an entry was filled. */
int op_copy(void *dev, unsigned long addr, int n)
{
	struct page **pages = kcalloc(n, sizeof(*pages), GFP_KERNEL);
	int got, i, ret;

	if (!pages)
		return -ENOMEM;
	got = get_user_pages_fast(addr, n, 0, pages);
	if (got != n) {
		ret = -EFAULT;
		goto out;
	}
	ret = op_map(dev, pages, n);
out:
	for (i = 0; i < n; i++)
		if (pages[i])
			put_page(pages[i]);
	kfree(pages);
	return ret;
}

/* (f') Bug: every entry up to the count asked, filled or not. */
int op_copy_all(void *dev, unsigned long addr, int n)
{
	struct page **pages = kcalloc(n, sizeof(*pages), GFP_KERNEL);
	int got, i, ret;

	if (!pages)
		return -ENOMEM;
	got = get_user_pages_fast(addr, n, 0, pages);
	if (got != n) {
		ret = -EFAULT;
		goto out;
	}
	ret = op_map(dev, pages, n);
out:
	for (i = 0; i < n; i++)
		put_page(pages[i]);
	kfree(pages);
	return ret;
}

/* (g) A helper filling its caller's zeroed array one buffer at a time ... */
static int op_lock(struct page **pages, unsigned int nr, unsigned long *uaddrs, int num)
{
	int i, got;

	for (i = 0; i < num; i++) {
		if (nr < 1)
			return -ENOSPC;
		got = get_user_pages_fast(uaddrs[i], 1, FOLL_WRITE, pages);
		if (got < 0)
			return got;
		nr -= got;
		pages += got;
	}
	return 0;
}

static void op_unlock(struct page **pages, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (pages[i])
			put_page(pages[i]);
}

/* ... whose caller empties it whatever the helper returned. */
int op_dm(unsigned long *uaddrs, int num)
{
	struct page **pages = kcalloc(num, sizeof(*pages), GFP_KERNEL);
	int ret;

	if (!pages)
		return -ENOMEM;
	ret = op_lock(pages, num, uaddrs, num);
	if (!ret)
		ret = op_hypercall(uaddrs, num);
	op_unlock(pages, num);
	kfree(pages);
	return ret;
}

/*
 * check-name: path shapes of v5.4/v5.10 that are no bug: slices, an element per iteration, an
 * INSPECT callee's own reference, a conditional error, a local into a field's array, a release
 * of filled entries, a caller's array; each bug twin reported.  op_lock()'s case 4 is a known
 * miss (issue 15.3 across functions): its FOLL_WRITE pages' addresses reach op_hypercall() in
 * its caller, which the address rule, within one function, does not see.
 * check-plan-start
drivers/guppath/older.c:30:12: site: pin_user_pages_fast() in op_tail: pin -> pin_user_pages_fast [as written]: already a pin; pages kept in global op_table
drivers/guppath/older.c:30:12: release: drivers/guppath/older.c:39:3: unpin_user_page() in op_tail -> unpin_user_page if j < got
drivers/guppath/older.c:30:12: release: drivers/guppath/older.c:40:3: unpin_user_pages() in op_tail -> unpin_user_pages if j < got
drivers/guppath/older.c:50:12: site: pin_user_pages_fast() in op_tail_twice: pin -> pin_user_pages_fast [as written]: already a pin; pages kept in global op_table
drivers/guppath/older.c:50:12: release: drivers/guppath/older.c:59:3: unpin_user_page() in op_tail_twice -> unpin_user_page if j < got
drivers/guppath/older.c:50:12: release: drivers/guppath/older.c:60:3: unpin_user_pages() in op_tail_twice -> unpin_user_pages if j < got
drivers/guppath/older.c:50:12: error: the pages pin_user_pages_fast() took are released twice on one path, at lines 59,60 (path: lines 48,55,56,57,58) [double-release]
drivers/guppath/older.c:83:12: site: pin_user_pages_fast() in op_each: pin -> pin_user_pages_fast [as written]: already a pin
drivers/guppath/older.c:83:12: release: drivers/guppath/older.c:71:3: unpin_user_page() in op_map_one -> unpin_user_page via op_map_one if op_check(page) < 0
drivers/guppath/older.c:83:12: release: drivers/guppath/older.c:90:4: unpin_user_page() in op_each -> unpin_user_page if op_check(pages[j]) > 0
drivers/guppath/older.c:83:12: release: drivers/guppath/older.c:98:3: unpin_user_pages() in op_each -> unpin_user_pages if ret < 0 && got - (j + 1) > 0
drivers/guppath/older.c:125:6: site: get_user_pages_fast() in op_inject: pin -> pin_user_pages_fast [case 5]: the pages' data is used (page_to_pfn)
drivers/guppath/older.c:125:6: release: drivers/guppath/older.c:128:2: put_page() in op_inject -> unpin_user_page
drivers/guppath/older.c:138:6: site: get_user_pages_fast() in op_inject_twice: pin -> pin_user_pages_fast [case 5]: the pages' data is used (page_to_pfn)
drivers/guppath/older.c:138:6: release: drivers/guppath/older.c:116:2: put_page() in op_drop_pfn -> unpin_user_page via op_drop_pfn
drivers/guppath/older.c:138:6: release: drivers/guppath/older.c:141:2: put_page() in op_inject_twice -> unpin_user_page
drivers/guppath/older.c:138:6: error: the pages get_user_pages_fast() took are released, then passed at line 142 to op_drop_pfn(), which releases them again (path: lines 133,140) [double-release]
drivers/guppath/older.c:154:9: site: pin_user_pages_fast() in op_register: longterm-pin -> pin_user_pages_fast [as written]: FOLL_LONGTERM is written at the call
drivers/guppath/older.c:154:9: release: drivers/guppath/older.c:163:4: unpin_user_pages() in op_register -> unpin_user_pages if pret > 0
drivers/guppath/older.c:154:9: release: drivers/guppath/older.c:168:3: unpin_user_pages() in op_register -> unpin_user_pages if ret
drivers/guppath/older.c:180:9: site: pin_user_pages_fast() in op_register_neg: longterm-pin -> pin_user_pages_fast [as written]: FOLL_LONGTERM is written at the call
drivers/guppath/older.c:180:9: release: drivers/guppath/older.c:184:3: unpin_user_pages() in op_register_neg -> unpin_user_pages if ret
drivers/guppath/older.c:184:3: error: the release at line 184 takes pret, the result of pin_user_pages_fast() at line 180, as its count on a path where it may be a negative error (path: lines 176,182,183) [release-count]
drivers/guppath/older.c:205:7: site: get_user_pages_fast() in op_pin_tt: pin -> pin_user_pages_fast [case 5]: the pages' data is used (op_map); kept in global op_table
drivers/guppath/older.c:205:7: release: drivers/guppath/older.c:215:2: release_pages() in op_pin_tt -> unpin_user_pages via field struct op_tt.pages
drivers/guppath/older.c:227:7: site: get_user_pages_fast() in op_pin_tt_leak: pin -> pin_user_pages_fast [case 5]: the pages' data is used (op_map); kept in global op_table
drivers/guppath/older.c:227:7: release: drivers/guppath/older.c:215:2: release_pages() in op_pin_tt -> unpin_user_pages via field struct op_tt.pages
drivers/guppath/older.c:227:7: error: pages get_user_pages_fast() took are still held at the exit at line 233 and neither released nor handed off (path: lines 224,230,224,232,233) [error-path-leak]
drivers/guppath/older.c:246:8: site: get_user_pages_fast() in op_copy: pin -> pin_user_pages_fast [case 5]: the pages' data is used (op_map)
drivers/guppath/older.c:246:8: release: drivers/guppath/older.c:255:4: put_page() in op_copy -> unpin_user_page if pages[i]
drivers/guppath/older.c:268:8: site: get_user_pages_fast() in op_copy_all: pin -> pin_user_pages_fast [case 5]: the pages' data is used (op_map)
drivers/guppath/older.c:268:8: release: drivers/guppath/older.c:276:3: put_page() in op_copy_all -> unpin_user_page
drivers/guppath/older.c:276:3: error: the release at line 276 covers n pages, the count asked of get_user_pages_fast() at line 268, on a path where it may have taken fewer (path: lines 268,269,274,276) [release-count]
drivers/guppath/older.c:289:9: site: get_user_pages_fast() in op_lock: ref -> get_user_pages_fast [case 4]: the pages are only released (their struct page's count)
drivers/guppath/older.c:289:9: release: drivers/guppath/older.c:304:4: put_page() in op_unlock -> put_page via op_unlock if pages[i]
 * check-plan-end
 */
