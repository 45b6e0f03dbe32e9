/* Fixture gupring.h: the struct and the release wrappers the ring fixtures share. */
struct page;

struct ring_buf {
	struct page **pages;
	int n;
};

void ring_give_back(struct page **pages, int n);
void ring_drop_pages(struct page **pages, int n);
