/*
 * The checks, one line each: CHECK(id, name, severity) names the function check_<id>() in
 * check_<id>.c, the name reports and --checks= use, and the severity of its findings.
 * Included wherever the list is needed (the enum in plan.h, the prototypes in checks.h, the
 * registry in checks.c) with CHECK defined for that use; no include guard on purpose.  Order
 * is the order the checks run in.
 */
CHECK(wrong_release, "wrong-release", SEV_ERROR)
CHECK(mixed_release, "mixed-release", SEV_ERROR)
CHECK(unreleased, "unreleased", SEV_ERROR)
CHECK(unchecked_result, "unchecked-result", SEV_WARNING)
CHECK(longterm_missing, "longterm-missing", SEV_WARNING)
CHECK(longterm_get, "longterm-get", SEV_ERROR)
CHECK(foll_pin, "foll-pin", SEV_ERROR)
CHECK(foll_get, "foll-get", SEV_ERROR)
CHECK(write_literal, "write-literal", SEV_WARNING)
CHECK(longterm_api, "longterm-api", SEV_WARNING)
CHECK(dirty_unlocked, "dirty-unlocked", SEV_WARNING)
CHECK(bio_unreleased, "bio-unreleased", SEV_ERROR)
CHECK(bio_mixed_kinds, "bio-mixed-kinds", SEV_ERROR)
CHECK(bio_merge_leak, "bio-merge-leak", SEV_ERROR)
