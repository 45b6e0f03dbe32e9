/* Fixture: releases of both kinds in one function, dispatched only by an if on the pages' kind. */
#include <linux/mm.h>
#include <linux/slab.h>

#define DP_USER_MAPPED	0x1

/* (a) The error path puts the pins of a partial success; the normal path unpins them. */
int dp_partial(unsigned long addr, int npages, struct page **pages)
{
	int ret;

	ret = pin_user_pages_fast(addr, npages, FOLL_WRITE, pages);
	if (ret < npages) {
		release_pages(pages, ret);
		return -EFAULT;
	}
	unpin_user_pages(pages, npages);
	return 0;
}

/* (a') The same with an else: the if tests the result, not the pages' kind. */
int dp_result_else(unsigned long addr, int npages, struct page **pages)
{
	int got = pin_user_pages_fast(addr, npages, FOLL_WRITE, pages);

	if (got != npages)
		release_pages(pages, got);
	else
		unpin_user_pages(pages, npages);
	return 0;
}

/* (b) Picked by a FOLL_PIN test, as mm/gup.c's undo_dev_pagemap() is. */
static void dp_undo(struct page **pages, int n, unsigned int flags)
{
	int i;

	for (i = 0; i < n; i++) {
		if (flags & FOLL_PIN)
			unpin_user_page(pages[i]);
		else
			put_page(pages[i]);
	}
}

int dp_flags(unsigned long addr, int npages, struct page **pages, unsigned int flags)
{
	int got = pin_user_pages_fast(addr, npages, FOLL_WRITE, pages);

	if (got <= 0)
		return got;
	dp_undo(pages, got, flags);
	return 0;
}

/* (b') Picked by a flag on the object, in two complementary ifs. */
struct dp_buf {
	struct page **pages;
	int n;
	unsigned long flags;
};

void dp_buf_unmap(struct dp_buf *b)
{
	if (b->flags & DP_USER_MAPPED)
		unpin_user_pages(b->pages, b->n);
	if (!(b->flags & DP_USER_MAPPED))
		release_pages(b->pages, b->n);
}

int dp_buf_io(struct dp_buf *b, unsigned long addr)
{
	int got = pin_user_pages_fast(addr, b->n, FOLL_WRITE, b->pages);

	if (got != b->n)
		return -EFAULT;
	b->flags |= DP_USER_MAPPED;
	dp_buf_unmap(b);
	return 0;
}

/* (c) A helper pair picked by the result: "if (err) put ... else unpin ...". */
static void dp_put_all(struct page **pages, int n)
{
	int i;

	for (i = 0; i < n; i++)
		put_page(pages[i]);
}

static void dp_unpin_all(struct page **pages, int n)
{
	unpin_user_pages(pages, n);
}

int dp_helpers(unsigned long addr, int npages, struct page **pages)
{
	int got = pin_user_pages_fast(addr, npages, FOLL_WRITE, pages);
	int err = got != npages;

	if (err)
		dp_put_all(pages, got);
	else
		dp_unpin_all(pages, npages);
	return err;
}
/*
 * (d) Picked by which kind the object records: a field set to a named constant beside each
 * acquire and compared with it where the pages go, as v5.10's atomisp hmm_bo.c does (its
 * free_user_pages()); the pages' array is put into the object before the acquire fills it.
 */
#define DP_MEM_REFD	0x1
#define DP_MEM_PINNED	0x2

struct dp_mem {
	struct page **pages;
	int n;
	int mem_type;
};

static void dp_mem_free(struct dp_mem *m, int n)
{
	int i;

	if (m->mem_type == DP_MEM_PINNED) {
		unpin_user_pages(m->pages, n);
	} else {
		for (i = 0; i < n; i++)
			put_page(m->pages[i]);
	}
	kfree(m->pages);
}

int dp_mem_get(struct dp_mem *m, unsigned long addr, int pinned)
{
	struct page **pages = kcalloc(m->n, sizeof(*pages), GFP_KERNEL);
	int got;

	if (!pages)
		return -ENOMEM;
	m->pages = pages;
	if (pinned) {
		got = pin_user_pages_fast(addr, m->n, FOLL_WRITE, pages);
		m->mem_type = DP_MEM_PINNED;
	} else {
		got = get_user_pages_fast(addr, m->n, FOLL_WRITE, pages);
		m->mem_type = DP_MEM_REFD;
	}
	if (got != m->n) {
		if (got < 0)
			got = 0;
		dp_mem_free(m, got);
		return -EFAULT;
	}
	return 0;
}
/*
 * (e) Not a kind: a field that holds the acquire's result, compared with a count's name
 * ("r->got == NR"), tests the result; release_pages() of the pins stays a wrong-release.
 */
#define DP_NR	16

struct dp_res {
	struct page **pages;
	int got;
};

int dp_field_count(struct dp_res *r, unsigned long addr)
{
	r->got = pin_user_pages_fast(addr, DP_NR, 0, r->pages);
	if (r->got == DP_NR)
		release_pages(r->pages, r->got);
	else if (r->got > 0)
		unpin_user_pages(r->pages, r->got);
	return 0;
}
/*
 * dp_partial() (a): release_pages() on the "ret < npages" path and unpin_user_pages() after
 * it are separated by no if on the pages' kind (an if with no else, on the result): judged by
 * the pin, release_pages() is a wrong-release and the site a mixed-release.  dp_result_else()
 * (a'): the then and else of "got != npages", a result test: the same two findings.
 * dp_flags() (b): dp_undo() picks by "flags & FOLL_PIN": dispatched, silent, named.
 * dp_buf_io() (b'): dp_buf_unmap()'s two ifs test b->flags & DP_USER_MAPPED both ways:
 * dispatched, silent.  dp_helpers() (c): "if (err)" tests the result: dp_put_all()'s
 * put_page() is a wrong-release, and the site a mixed-release.  dp_mem_get() (d):
 * dp_mem_free() picks by "m->mem_type == DP_MEM_PINNED", a member against a named constant:
 * dispatched for both acquires, silent, named; its error path passes m, whose field holds the
 * array the acquires fill (stored before them): handed off, no error-path-leak.
 * dp_field_count() (e): "r->got == DP_NR" tests a field that takes the acquire's result, not
 * one set to named constants: a result test; release_pages() is a wrong-release, the site a
 * mixed-release.
 *
 * check-plan-start
drivers/gupdisp/dispatch.c:12:8: site: pin_user_pages_fast() in dp_partial: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupdisp/dispatch.c:12:8: release: drivers/gupdisp/dispatch.c:14:3: release_pages() in dp_partial -> unpin_user_pages if ret < npages
drivers/gupdisp/dispatch.c:12:8: release: drivers/gupdisp/dispatch.c:17:2: unpin_user_pages() in dp_partial -> unpin_user_pages
drivers/gupdisp/dispatch.c:12:8: error: pages of pin_user_pages_fast() are released by release_pages() at drivers/gupdisp/dispatch.c:14 and by unpin_user_pages() at drivers/gupdisp/dispatch.c:17 [mixed-release]
drivers/gupdisp/dispatch.c:14:3: error: the release at line 14 takes ret, the result of pin_user_pages_fast() at line 12, as its count on a path where it may be a negative error (path: lines 8,13) [release-count]
drivers/gupdisp/dispatch.c:14:3: error: release_pages() releases pages pinned by pin_user_pages_fast() at drivers/gupdisp/dispatch.c:12: pins are released by unpin_user_page*() [wrong-release]
drivers/gupdisp/dispatch.c:24:12: site: pin_user_pages_fast() in dp_result_else: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupdisp/dispatch.c:24:12: release: drivers/gupdisp/dispatch.c:27:3: release_pages() in dp_result_else -> unpin_user_pages if got != npages
drivers/gupdisp/dispatch.c:24:12: release: drivers/gupdisp/dispatch.c:29:3: unpin_user_pages() in dp_result_else -> unpin_user_pages if !(got != npages)
drivers/gupdisp/dispatch.c:24:12: error: pages of pin_user_pages_fast() are released by release_pages() at drivers/gupdisp/dispatch.c:27 and by unpin_user_pages() at drivers/gupdisp/dispatch.c:29 [mixed-release]
drivers/gupdisp/dispatch.c:27:3: error: the release at line 27 takes got, the result of pin_user_pages_fast() at line 24, as its count on a path where it may be a negative error (path: lines 22,27) [release-count]
drivers/gupdisp/dispatch.c:27:3: error: release_pages() releases pages pinned by pin_user_pages_fast() at drivers/gupdisp/dispatch.c:24: pins are released by unpin_user_page*() [wrong-release]
drivers/gupdisp/dispatch.c:48:12: site: pin_user_pages_fast() in dp_flags: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupdisp/dispatch.c:48:12: release: drivers/gupdisp/dispatch.c:40:4: unpin_user_page() in dp_undo -> unpin_user_page via dp_undo (picked at run time by `flags & FOLL_PIN`) if flags & FOLL_PIN
drivers/gupdisp/dispatch.c:48:12: release: drivers/gupdisp/dispatch.c:42:4: put_page() in dp_undo -> put_page via dp_undo (picked at run time by `flags & FOLL_PIN`) if !(flags & FOLL_PIN)
drivers/gupdisp/dispatch.c:73:12: site: pin_user_pages_fast() in dp_buf_io: pin -> pin_user_pages_fast [as written]: already a pin; pages kept in field struct dp_buf.pages
drivers/gupdisp/dispatch.c:73:12: release: drivers/gupdisp/dispatch.c:66:3: unpin_user_pages() in dp_buf_unmap -> unpin_user_pages via field struct dp_buf.pages (picked at run time by `b->flags & DP_USER_MAPPED`) if b->flags & DP_USER_MAPPED
drivers/gupdisp/dispatch.c:73:12: release: drivers/gupdisp/dispatch.c:68:3: release_pages() in dp_buf_unmap -> release_pages via field struct dp_buf.pages (picked at run time by `!(b->flags & DP_USER_MAPPED)`) if !(b->flags & DP_USER_MAPPED)
drivers/gupdisp/dispatch.c:73:12: error: pages pin_user_pages_fast() took are still held at the exit at line 76 and neither released nor handed off (path: lines 71,76) [error-path-leak]
drivers/gupdisp/dispatch.c:88:3: error: put_page() releases pages pinned by pin_user_pages_fast() at drivers/gupdisp/dispatch.c:98: pins are released by unpin_user_page*() [wrong-release]
drivers/gupdisp/dispatch.c:98:12: site: pin_user_pages_fast() in dp_helpers: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupdisp/dispatch.c:98:12: release: drivers/gupdisp/dispatch.c:88:3: put_page() in dp_put_all -> unpin_user_page via dp_put_all
drivers/gupdisp/dispatch.c:98:12: release: drivers/gupdisp/dispatch.c:93:2: unpin_user_pages() in dp_unpin_all -> unpin_user_pages via dp_unpin_all
drivers/gupdisp/dispatch.c:98:12: error: pages of pin_user_pages_fast() are released by put_page() at drivers/gupdisp/dispatch.c:88 and by unpin_user_pages() at drivers/gupdisp/dispatch.c:93 [mixed-release]
drivers/gupdisp/dispatch.c:143:9: site: pin_user_pages_fast() in dp_mem_get: pin -> pin_user_pages_fast [as written]: already a pin; pages kept in field struct dp_mem.pages
drivers/gupdisp/dispatch.c:143:9: release: drivers/gupdisp/dispatch.c:126:3: unpin_user_pages() in dp_mem_free -> unpin_user_pages via field struct dp_mem.pages (picked at run time by `m->mem_type == DP_MEM_PINNED`) if m->mem_type == DP_MEM_PINNED
drivers/gupdisp/dispatch.c:143:9: release: drivers/gupdisp/dispatch.c:129:4: put_page() in dp_mem_free -> put_page via field struct dp_mem.pages (picked at run time by `m->mem_type == DP_MEM_PINNED`) if !(m->mem_type == DP_MEM_PINNED)
drivers/gupdisp/dispatch.c:146:9: site: get_user_pages_fast() in dp_mem_get: pin -> pin_user_pages_fast [case 5]: the pages reach their callers, which gupcheck cannot follow: a pin is the safe choice; kept in field struct dp_mem.pages
drivers/gupdisp/dispatch.c:146:9: release: drivers/gupdisp/dispatch.c:126:3: unpin_user_pages() in dp_mem_free -> unpin_user_pages via field struct dp_mem.pages (picked at run time by `m->mem_type == DP_MEM_PINNED`) if m->mem_type == DP_MEM_PINNED
drivers/gupdisp/dispatch.c:146:9: release: drivers/gupdisp/dispatch.c:129:4: put_page() in dp_mem_free -> put_page via field struct dp_mem.pages (picked at run time by `m->mem_type == DP_MEM_PINNED`) if !(m->mem_type == DP_MEM_PINNED)
drivers/gupdisp/dispatch.c:170:11: site: pin_user_pages_fast() in dp_field_count: pin -> pin_user_pages_fast [as written]: already a pin; pages kept in field struct dp_res.pages
drivers/gupdisp/dispatch.c:170:11: release: drivers/gupdisp/dispatch.c:172:3: release_pages() in dp_field_count -> unpin_user_pages via field struct dp_res.pages if r->got == DP_NR
drivers/gupdisp/dispatch.c:170:11: release: drivers/gupdisp/dispatch.c:174:3: unpin_user_pages() in dp_field_count -> unpin_user_pages via field struct dp_res.pages if r->got > 0
drivers/gupdisp/dispatch.c:170:11: error: pages of pin_user_pages_fast() are released by release_pages() at drivers/gupdisp/dispatch.c:172 and by unpin_user_pages() at drivers/gupdisp/dispatch.c:174 [mixed-release]
drivers/gupdisp/dispatch.c:172:3: error: release_pages() releases pages pinned by pin_user_pages_fast() at drivers/gupdisp/dispatch.c:170: pins are released by unpin_user_page*() [wrong-release]
 * check-plan-end
 */
