/* Fixture gupplan.h: the structs shared by the plan fixtures' files. */
struct page;

struct plan_region {
	struct page **pages;
	int npages;
};

int plan_region_register(struct plan_region *r, unsigned long addr, int n);
void plan_region_destroy(struct plan_region *r);
void plan_consume(struct page **pages, int n);
void plan_map_to_device(struct page *page);
