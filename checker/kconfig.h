/* Why a Kconfig symbol is not set: its entry in the tree's Kconfig files and what it depends on. */
#ifndef GUPCHECK_KCONFIG_H
#define GUPCHECK_KCONFIG_H

#include "util.h"

/*
 * For each symbol of names (without CONFIG_), its entry in the Kconfig files under root, in
 * words: "arch/sh/drivers/dma/Kconfig: depends on CPU_SH3 || CPU_SH4" (its "depends on" lines
 * joined by " && "; "no dependencies" when it has none), or NULL when no Kconfig file defines
 * it; whys->v[i] is names->v[i]'s (malloc'ed; whys is cleared first).
 */
void kconfig_why(const char *root, const struct strvec *names, char ***whys);

#endif
