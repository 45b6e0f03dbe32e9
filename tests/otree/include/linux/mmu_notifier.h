/* Fixture mmu_notifier.h: a device that follows CPU page-table invalidations. */
struct mmu_interval_notifier {
	unsigned long start, last;
};
