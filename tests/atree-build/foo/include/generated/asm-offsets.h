/* Fixture stand-in for the generated asm-offsets.h. */
