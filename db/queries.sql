-- Named queries over the facts database: the README's examples, each with the plan it must keep.
-- tests/db.sh runs every query on the fixture database, compares the rows with "-- expect:" lines,
-- and checks that EXPLAIN QUERY PLAN still names the index given in "-- plan:".

-- name: acquire sites of one API
-- plan: calls_api
-- expect: drivers/gupfix/a.c|22|single_page|FOLL_WRITE|FOLL_LONGTERM
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
-- expect: pin_user_pages|drivers/gupfix/a.c|31
-- expect: pin_user_pages_fast|drivers/gupfix/a.c|22
SELECT c.api, f.path, c.line
FROM calls c JOIN files f ON f.id = c.file_id
WHERE c.api IN (SELECT name FROM apis WHERE is_acquire) AND c.flags_names LIKE '%FOLL_LONGTERM%'
ORDER BY c.api, c.line;

-- name: census by API and whether the configuration compiles it
-- (get_user_pages_fast: a.c:12, b.c:9 via GRAB, mm.h:42 compiled; b.c:29 #ifdef, off.c not built)
-- plan: calls_api
-- expect: get_user_pages|0|1
-- expect: get_user_pages_fast|0|2
-- expect: get_user_pages_fast|1|3
SELECT api, compiled, count(*) FROM calls
WHERE api IN ('get_user_pages', 'get_user_pages_fast')
GROUP BY api, compiled ORDER BY api, compiled;
