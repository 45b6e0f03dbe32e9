/* Fixture gupbio.h: the completions endio.c defines for the bios fill.c builds. */
struct bio;
void plan_bio_pin_end_io(struct bio *bio);
void plan_bio_mixed_end_io(struct bio *bio);
void plan_bio_zero_end_io(struct bio *bio);
void plan_bio_quiet_end_io(struct bio *bio);
void plan_bio_ref_end_io(struct bio *bio);
void plan_bio_zero_put_end_io(struct bio *bio);
void plan_bio_flag_end_io(struct bio *bio);
