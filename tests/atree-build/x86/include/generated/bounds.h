/* Fixture stand-in for the generated bounds.h. */
