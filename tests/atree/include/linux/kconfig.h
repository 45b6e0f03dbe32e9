/* Fixture kconfig.h: pulls in the configuration, as the kernel's does. */
#include <generated/autoconf.h>
#define IS_ENABLED(option) defined(option)
