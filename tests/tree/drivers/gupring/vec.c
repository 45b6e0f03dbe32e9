/*
 * Fixture: pages pinned into a gupvec's ptrs and unpinned through gupvec_pages(), a static
 * inline of include/media/gupvec.h (as videobuf2's frame_vector.c does with
 * frame_vector_pages()): the header's body is read once, so the release is paired.
 */
#include <linux/mm.h>
#include <media/gupvec.h>

void __gupcheck_where(const void *p);

int vec_get(struct gupvec *vec, unsigned long start, int n)
{
	int ret = pin_user_pages_fast(start, n, FOLL_WRITE | FOLL_LONGTERM,
				      (struct page **)(vec->ptrs));

	vec->nr = ret > 0 ? ret : 0;
	return ret;
}

void vec_put(struct gupvec *vec)
{
	struct page **pages = gupvec_pages(vec);

	unpin_user_pages(pages, gupvec_count(vec));
	__gupcheck_where(pages);
}

/*
 * check-name: a header's static inline accessor returns the field the pages were pinned into:
 * the release in vec_put() is reached through it, and the probe sees the field
 * check-plan-start
drivers/gupring/vec.c:13:12: site: pin_user_pages_fast() in vec_get: longterm-pin -> pin_user_pages_fast [as written]: FOLL_LONGTERM is written at the call
drivers/gupring/vec.c:13:12: release: drivers/gupring/vec.c:24:2: unpin_user_pages() in vec_put -> unpin_user_pages via field struct gupvec.ptrs
drivers/gupring/vec.c:25:2: probe: local:pages; releases: drivers/gupring/vec.c:24 unpin_user_pages(); kept in field struct gupvec.ptrs
 * check-plan-end
 */
