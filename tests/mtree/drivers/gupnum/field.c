/*
 * Fixture: two functions write the numbers of unrelated pages into one field (nouveau's
 * args->p.phys[0] = page_to_phys(page), from a GUP page in one function and from a device
 * page in another): the field does not lead back from one writer's pages to the other's.
 */
#include <linux/mm.h>
#include <linux/slab.h>

struct nf_args {
	unsigned long phys;
};

#define page_to_phys(page) ((unsigned long)(page) << 12)
unsigned long nf_device_addr(struct page *page);
void nf_map(struct nf_args *args);

int nf_fault(struct nf_args *args, unsigned long addr)
{
	struct page *page;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1)
		return -EFAULT;
	args->phys = page_to_phys(page);
	nf_map(args);
	put_page(page);
	return 0;
}

void nf_convert(struct nf_args *args, struct page *dpage)
{
	args->phys = nf_device_addr(dpage);
	args->phys = page_to_phys(dpage);
}

/*
 * nf_fault()'s page goes, as a number, into args->phys and on to nf_map(), which the files do
 * not define: a pin, the safe choice, for a page-to-number conversion gupcheck cannot follow.
 * nf_convert() writes the numbers of its own dpage into the same field; the walk from
 * nf_fault()'s page enters the field by nf_fault()'s conversion and does not go back out by
 * nf_convert()'s, so nf_device_addr(dpage) is not called a use of the GUP page.
 *
 * check-plan-start
drivers/gupnum/field.c:21:6: site: get_user_pages_fast() in nf_fault: pin -> pin_user_pages_fast [case 5]: the pages reach a page-to-number conversion, which gupcheck cannot follow: a pin is the safe choice
drivers/gupnum/field.c:21:6: release: drivers/gupnum/field.c:25:2: put_page() in nf_fault -> unpin_user_page
 * check-plan-end
 */
