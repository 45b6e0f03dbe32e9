/* Fixture compiler_types.h: the few annotations the fixtures use. */
#define __user
#define NULL ((void *)0)
typedef _Bool bool;
#define true 1
#define false 0
