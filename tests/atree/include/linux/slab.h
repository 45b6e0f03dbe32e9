/* Fixture slab.h: the allocator calls the plan fixtures use. */
typedef unsigned int gfp_t;
#define GFP_KERNEL 0u
#define ENOMEM 12
#define EFAULT 14
void *kcalloc(unsigned long n, unsigned long size, gfp_t flags);
void kfree(const void *p);
