/* Fixture embed.h: a message that embeds its transfer descriptor, which holds a page array and an sg table. */
/* after <linux/scatterlist.h>, which has no include guard */
struct page;

struct emb_op {
	struct page **pages;
	int npages;
	struct sg_table table;
};

struct emb_msg {
	int id;
	struct emb_op op;
};

void emb_msg_destroy(struct emb_msg *msg);
