/* Fixture header found only through the folder's ccflags-y -I: a.c parses only if it is used. */
struct umem {
	struct page **page_list;
	struct page *single;
	unsigned long npages;
};
