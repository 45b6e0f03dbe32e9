/* Fixture configuration: CONFIG_GUPFIX and CONFIG_GUPPLAN are on, CONFIG_GUPFIX_OFF is not. */
#define CONFIG_GUPFIX 1
#define CONFIG_GUPPLAN 1
#define CONFIG_X86_64 1
