/* Fixture autoconf.h of the x86 build folder (tests/atree-build/x86/.config). */
#define CONFIG_X86 1
#define CONFIG_X86_64 1
#define CONFIG_64BIT 1
#define CONFIG_GUPCONF 1
