-- Named queries over the facts database: the README's examples, each with the plan it must keep.
-- tests/db.sh runs every query on the fixture database, compares the rows with "-- expect:" lines,
-- and checks that EXPLAIN QUERY PLAN still names the index given in "-- plan:".

-- name: acquire sites of one API
-- plan: calls_api
-- expect: drivers/gupbio/fill.c|9|plan_bio_pin|FOLL_WRITE
-- expect: drivers/gupbio/fill.c|36|plan_bio_zero|FOLL_WRITE
-- expect: drivers/gupcall/dirty.c|10|gd_get|FOLL_WRITE
-- expect: drivers/gupcall/export.c|14|ge_get|0
-- expect: drivers/gupcall/passes.c|16|gp_pin|
-- expect: drivers/gupcall/reg.c|13|gc_get_pages|FOLL_WRITE
-- expect: drivers/gupcall/taken.c|13|gt_get|0
-- expect: drivers/gupfix/a.c|22|single_page|FOLL_WRITE|FOLL_LONGTERM
-- expect: drivers/gupflags/api/flagapi.c|8|flag_get_pages|
-- expect: drivers/gupflags/api/flagapi.c|16|flag_get_rw|
-- expect: drivers/gupflags/api/flagapi.c|28|flag_pin_local|
-- expect: drivers/gupiter/iter.c|55|iter_pin_user|FOLL_WRITE
-- expect: drivers/gupiter/pfn.c|13|pfn_get|FOLL_WRITE|FOLL_LONGTERM
-- expect: drivers/gupops/core.c|26|ops_queue_probe|FOLL_WRITE
-- expect: drivers/gupops/endio.c|25|ops_bio_start|FOLL_WRITE
-- expect: drivers/gupout/outparam.c|34|out_obj_fill|FOLL_WRITE
-- expect: drivers/gupout/outparam.c|59|out_next|0
-- expect: drivers/gupout/ownref.c|23|own_copy|0
-- expect: drivers/guppath/count.c|35|negative|0
-- expect: drivers/guppath/count.c|46|negative_twin|0
-- expect: drivers/guppath/dirty.c|22|dd_dma_in|FOLL_WRITE
-- expect: drivers/guppath/dirty.c|40|dd_dma_in_dirty|FOLL_WRITE
-- expect: drivers/guppath/dirty.c|57|dd_dma_out|FOLL_WRITE
-- expect: drivers/guppath/dirty.c|83|dd_dma_in_sg|FOLL_WRITE
-- expect: drivers/guppath/leak.c|18|leak_partial|FOLL_WRITE
-- expect: drivers/guppath/leak.c|35|fixed_partial|FOLL_WRITE
-- expect: drivers/guppath/leak.c|56|leak_step|0
-- expect: drivers/guppath/leak.c|77|fixed_step|0
-- expect: drivers/guppath/leak.c|97|double_unpin|0
-- expect: drivers/guppath/older.c|30|op_tail|0
-- expect: drivers/guppath/older.c|50|op_tail_twice|0
-- expect: drivers/guppath/older.c|83|op_each|0
-- expect: drivers/guppath/older.c|154|op_register|FOLL_WRITE|FOLL_LONGTERM
-- expect: drivers/guppath/older.c|180|op_register_neg|FOLL_WRITE|FOLL_LONGTERM
-- expect: drivers/gupplan/anon.c|15|plan_anon_fill|FOLL_WRITE
-- expect: drivers/gupplan/bugs.c|8|plan_undo_pin_with_put|FOLL_WRITE
-- expect: drivers/gupplan/opsreg.c|25|lt_register|FOLL_WRITE
-- expect: drivers/gupplan/sg.c|13|plan_dma_start|FOLL_WRITE
-- expect: drivers/gupplan/shm.c|13|plan_shm_register|FOLL_WRITE
-- expect: drivers/gupreach/number.c|17|num_pin|FOLL_WRITE
-- expect: drivers/gupreach/number.c|51|num_transfer_pages|FOLL_WRITE
-- expect: drivers/gupreach/pipe.c|44|pipe_from_user|0
-- expect: drivers/gupreach/retpfn.c|76|rp_pin_one|FOLL_WRITE
-- expect: drivers/gupring/vec.c|13|vec_get|FOLL_WRITE|FOLL_LONGTERM
-- expect: drivers/gupsign/sign.c|14|sign_unsigned_var|0
-- expect: drivers/gupsign/sign.c|26|sign_signed_var|0
-- expect: drivers/gupsign/zero.c|33|zero_pfn_skip|0
-- expect: drivers/gupsign/zero.c|44|zero_unpinned_first|0
-- expect: drivers/gupwrap/api/wrapapi.c|11|wrap_get_pages|
-- expect: drivers/gupwrap/api/wrapapi.c|38|wrap_keep_pages|0
SELECT f.path, c.line, c.function, c.flags_names
FROM calls c JOIN files f ON f.id = c.file_id
WHERE c.api = 'pin_user_pages_fast' AND c.compiled
ORDER BY f.path, c.line;

-- name: every GUP-family call of one function
-- plan: calls_function
-- expect: release_pages|14
-- expect: get_user_pages_fast|12
SELECT api, line FROM calls WHERE function = 'local_array' ORDER BY api DESC;

-- name: where pages are stored into one struct field
-- plan: field_stores_field
-- expect: drivers/gupfix/b.c|stores|pages
SELECT f.path, s.function, s.value
FROM field_stores s JOIN files f ON f.id = s.file_id
WHERE s.struct = 'struct umem' AND s.field = 'page_list';

-- name: long-term pins as written (FOLL_LONGTERM resolved in the flags)
-- plan: calls_api
-- expect: get_user_pages|drivers/gupplan/bugs.c|38
-- expect: pin_user_pages|drivers/gupfix/a.c|31
-- expect: pin_user_pages_fast|drivers/gupiter/pfn.c|13
-- expect: pin_user_pages_fast|drivers/gupring/vec.c|13
-- expect: pin_user_pages_fast|drivers/gupfix/a.c|22
-- expect: pin_user_pages_fast|drivers/guppath/older.c|154
-- expect: pin_user_pages_fast|drivers/guppath/older.c|180
SELECT c.api, f.path, c.line
FROM calls c JOIN files f ON f.id = c.file_id
WHERE c.api IN (SELECT name FROM apis WHERE is_acquire) AND c.flags_names LIKE '%FOLL_LONGTERM%'
ORDER BY c.api, c.line;

-- name: census by API and whether the configuration compiles it
-- (get_user_pages_fast: a.c:12, b.c:9 via GRAB, mm.h:42, sixteen in drivers/gupplan,
--  seven in drivers/gupbio, one in drivers/gupiter, three in drivers/gupops, one in
--  drivers/gupout, five in drivers/gupreach, gupring/acq.c, three in drivers/gupsign, two in
--  drivers/gupwrap and fourteen in drivers/guppath (count.c:11, :23, leak.c:114, seven in
--  older.c, four in dirty.c) compiled;
--  b.c:29 #ifdef, off.c not built; get_user_pages: bugs.c:33 and :38 compiled, b.c's macro not)
-- plan: calls_api
-- expect: get_user_pages|0|1
-- expect: get_user_pages|1|2
-- expect: get_user_pages_fast|0|2
-- expect: get_user_pages_fast|1|59
SELECT api, compiled, count(*) FROM calls
WHERE api IN ('get_user_pages', 'get_user_pages_fast')
GROUP BY api, compiled ORDER BY api, compiled;

-- name: function summaries: which releases a function reaches from its page parameter
-- plan: functions_name
-- expect: plan_put_pages|0|put_page|12
SELECT fn.name, s.param, c.api, c.line
FROM summaries s JOIN functions fn ON fn.id = s.function_id JOIN calls c ON c.id = s.call_id
WHERE fn.name = 'plan_put_pages';

-- name: the releases paired with the acquire sites of one function, across files
-- plan: calls_function
-- expect: drivers/gupplan/dereg.c|11|put_page|field struct plan_region.pages
-- expect: drivers/gupplan/reg.c|16|release_pages|field struct plan_region.pages
SELECT rf.path, r.line, r.api, p.via
FROM calls a JOIN pairs p ON p.acquire_id = a.id
JOIN calls r ON r.id = p.release_id JOIN files rf ON rf.id = r.file_id
WHERE a.function = 'plan_region_register'
ORDER BY rf.path, r.line;

-- name: findings by check (drivers/gupplan/bugs.c, sg.c, reg.c, shm.c, helper.c; gupfix/b.c; gupbio/;
-- gupops/: three longterm-missing; gupout/outparam.c: two longterm-missing, one wrong-release;
-- gupring/acq.c; gupwrap/api/wrapapi.c, gupflags/api/flagapi.c, gupcall/reg.c, taken.c,
-- export.c: one longterm-missing each;
-- gupplan/notifier_kept.c, opsreg.c: one longterm-missing each; inspect.c: one unreleased;
-- gupsign/sign.c: three result-unsigned (sign_goto_out()'s loop compares no result); gupsign/zero.c: two guarded-release;
-- the path checks: guppath/leak.c two error-path-leak, one double-release and one release-count,
-- guppath/count.c two release-count, gupbio/fill.c, gupiter/iter.c, gupplan/bugs.c, gupplan/shm.c
-- one error-path-leak each; guppath/older.c's twins: two double-release, two release-count, one
-- error-path-leak; dirty-missing: guppath/dirty.c's two bugs and fourteen FOLL_WRITE sites of
-- the other fixtures written through an sg table, bio or kmap() and released undirtied:
-- gupbio/fill.c 2, gupcall/reg.c, passes.c, gupiter/iter.c, gupops/embed.c, endio.c,
-- gupout/outparam.c 2, gupplan/sg.c, probe.c, gupreach/retpfn.c, gupwrap/api/wrapapi.c 2)
-- plan: findings_check
-- expect: bio-merge-leak|1
-- expect: bio-mixed-kinds|1
-- expect: bio-unreleased|1
-- expect: dirty-missing|16
-- expect: dirty-unlocked|1
-- expect: double-release|3
-- expect: error-path-leak|10
-- expect: foll-get|1
-- expect: foll-pin|1
-- expect: guarded-release|2
-- expect: longterm-api|1
-- expect: longterm-get|1
-- expect: longterm-missing|15
-- expect: mixed-release|1
-- expect: release-count|6
-- expect: result-unsigned|3
-- expect: unchecked-result|2
-- expect: unreleased|2
-- expect: write-literal|1
-- expect: wrong-release|4
SELECT check_name, count(*) FROM findings GROUP BY check_name ORDER BY check_name;

-- name: the balance of every bio completion GUP pages reach (drivers/gupbio/endio.c, gupops/endio.c)
-- plan: pairs_acquire
-- expect: ops_bio_unpin_end_io|balanced|gup-pin
-- expect: plan_bio_flag_end_io|mixed-origin|gup-ref,zero
-- expect: plan_bio_mixed_end_io|mixed-origin|gup-ref,pagecache
-- expect: plan_bio_pin_end_io|wrong-release|gup-pin
-- expect: plan_bio_quiet_end_io|unreleased|gup-ref
-- expect: plan_bio_ref_end_io|balanced|gup-ref
-- expect: plan_bio_zero_end_io|mixed-origin|gup-pin,zero
-- expect: plan_bio_zero_put_end_io|mixed-origin|gup-ref,zero
SELECT end_io, verdict, origins FROM end_io_balance ORDER BY end_io;

-- name: the origins of one bio completion, joined across files through the bi_end_io assignments
-- plan: bio_reach_end_io
-- expect: gup-pin|pin_user_pages_fast|drivers/gupbio/fill.c|36|drivers/gupbio/fill.c|40
-- expect: zero|ZERO_PAGE|drivers/gupbio/fill.c|39|drivers/gupbio/fill.c|40
SELECT origin_kind, origin, origin_path, origin_line, assign_path, assign_line
FROM end_io_origins
WHERE end_io = 'plan_bio_zero_end_io'
ORDER BY origin_line;

-- name: the call graph from one function (a flow kind named through flow_kinds keeps the index)
-- plan: flows_function
-- expect: bio_flagged
-- expect: plan_bio_put_all
SELECT callee FROM flows
WHERE function = 'plan_bio_flag_end_io' AND kind = (SELECT kind FROM flow_kinds WHERE name = 'call')
ORDER BY callee;
