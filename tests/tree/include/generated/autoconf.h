/* Fixture configuration: CONFIG_GUPFIX is on, CONFIG_GUPFIX_OFF is not. */
#define CONFIG_GUPFIX 1
#define CONFIG_X86_64 1
