/* Fixture autoconf.h of the foo build folder (tests/atree-build/foo/.config): ARCH=foo. */
#define CONFIG_FOO 1
#define CONFIG_64BIT 1
#define CONFIG_GUPCONF 1
#define CONFIG_GUPCONF_DMA 1
