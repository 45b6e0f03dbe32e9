/* Fixture gupops.h: an ops table of buffer memory, its queue, and a same-named member of another table. */
struct page;

struct ops_mem_ops {
	void *(*get_userptr)(unsigned long addr, int n);
	void (*put_userptr)(void *priv);
	void (*put_pages)(struct page **pages, int n);
};

struct ops_queue {
	const struct ops_mem_ops *mem_ops;
	void *priv;
};

/* Another table with a member of the same name: its functions are not ops_mem_ops' ones. */
struct ops_other_ops {
	void (*put_pages)(struct page **pages, int n);
};

extern const struct ops_mem_ops ops_sg_memops;
void ops_vm_setup(struct ops_mem_ops *ops);
