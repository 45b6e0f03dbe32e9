-- gupcheck facts database: the census of one kernel tree's GUP-family calls (see db/README.md).
-- The version below is PRAGMA user_version; bump it on any change, never reuse a number.
PRAGMA user_version = 10;

CREATE TABLE meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE apis (
	name TEXT PRIMARY KEY,
	kind TEXT NOT NULL,
	is_acquire INTEGER NOT NULL
);

CREATE TABLE files (
	id INTEGER PRIMARY KEY,
	path TEXT NOT NULL UNIQUE,
	hash TEXT,
	status TEXT NOT NULL CHECK (status IN ('ok', 'errors', 'failed', 'other-arch')),
	diagnostics INTEGER NOT NULL,
	built TEXT NOT NULL CHECK (built IN ('yes', 'no', 'unknown')),
	first_diagnostic TEXT,
	flags_from TEXT,
	ring INTEGER NOT NULL,
	mmu_notifier INTEGER NOT NULL
);

CREATE TABLE functions (
	id INTEGER PRIMARY KEY,
	file_id INTEGER NOT NULL REFERENCES files(id),
	name TEXT NOT NULL,
	line INTEGER NOT NULL,
	end_line INTEGER NOT NULL,
	is_static INTEGER NOT NULL
);

CREATE TABLE calls (
	id INTEGER PRIMARY KEY,
	file_id INTEGER NOT NULL REFERENCES files(id),
	line INTEGER NOT NULL,
	col INTEGER NOT NULL,
	function TEXT,
	api TEXT NOT NULL REFERENCES apis(name),
	pages TEXT,
	count TEXT,
	flags TEXT,
	flags_value INTEGER,
	flags_names TEXT,
	pages_to TEXT,
	seen_by TEXT NOT NULL CHECK (seen_by IN ('clang', 'lex')),
	compiled INTEGER NOT NULL,
	note TEXT,
	result TEXT CHECK (result IN ('ignored', 'used')),
	flags_form TEXT CHECK (flags_form IN ('names', 'literal', 'bool', 'expr')),
	longterm INTEGER NOT NULL DEFAULT 0,
	flags_param TEXT,
	cond TEXT
);

-- The kinds of flows, by number (checker/facts.h's enum flow_kind; never renumbered) and by
-- name (checker/README.md's flows table).  Queries name a kind by a subselect on this table,
-- "kind = (SELECT kind FROM flow_kinds WHERE name = 'call')", which SQLite evaluates once, so
-- an index on flows(..., kind) is still used.
CREATE TABLE flow_kinds (
	kind INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE
);
INSERT INTO flow_kinds(kind, name) VALUES
	(0, 'param'), (1, 'assign'), (2, 'pass'), (3, 'return'), (4, 'call'), (5, 'free'),
	(6, 'endio'), (7, 'flag'), (8, 'origin'), (9, 'callback'), (10, 'merge'), (11, 'probe'),
	(12, 'ops_set'), (13, 'ops_call'), (14, 'convert'), (15, 'number'), (18, 'flags'),
	(19, 'flag_param'), (20, 'number_copy');

-- How pages move inside one function.
CREATE TABLE flows (
	id INTEGER PRIMARY KEY,
	file_id INTEGER NOT NULL REFERENCES files(id),
	line INTEGER NOT NULL,
	col INTEGER NOT NULL,
	function TEXT NOT NULL,
	kind INTEGER NOT NULL REFERENCES flow_kinds(kind) CHECK (kind BETWEEN 0 AND 20),
	dst TEXT,
	src TEXT,
	callee TEXT,
	argno INTEGER
);

-- Function summaries: release calls reachable from a page-typed parameter, through callees.
CREATE TABLE summaries (
	function_id INTEGER NOT NULL REFERENCES functions(id),
	param INTEGER NOT NULL,
	call_id INTEGER NOT NULL REFERENCES calls(id),
	dispatched INTEGER NOT NULL,	-- the release is picked at run time by the pages' kind
	PRIMARY KEY (function_id, param, call_id)
) WITHOUT ROWID;

-- Bio completions reached: pages of an acquire site (acquire_id) or of another origin
-- (origin_id, a flow of kind 'origin') get to the bio parameter of end_io_id, a function set as
-- bi_end_io by the assignment assign_id (a flow of kind 'endio'), possibly in another file.
CREATE TABLE bio_reach (
	end_io_id INTEGER NOT NULL REFERENCES functions(id),
	assign_id INTEGER NOT NULL REFERENCES flows(id),
	acquire_id INTEGER REFERENCES calls(id),
	origin_id INTEGER REFERENCES flows(id),
	CHECK ((acquire_id IS NULL) != (origin_id IS NULL))
);

-- Every page origin that can reach each bio completion, with the assignment that joins them.
-- origin_kind: gup-pin, gup-ref, pagecache, alloc, kernel, zero.
CREATE VIEW end_io_origins AS
	SELECT r.end_io_id, fn.name AS end_io, ef.path AS end_io_path, fn.line AS end_io_line,
		CASE WHEN a.kind IN ('pin', 'iter-extract') THEN 'gup-pin' ELSE 'gup-ref' END AS origin_kind,
		c.api AS origin, cf.path AS origin_path, c.line AS origin_line, c.id AS acquire_id,
		sf.path AS assign_path, s.line AS assign_line, s.file_id AS assign_file_id,
		s.function AS assign_function
	FROM bio_reach r JOIN functions fn ON fn.id = r.end_io_id JOIN files ef ON ef.id = fn.file_id
	JOIN calls c ON c.id = r.acquire_id JOIN files cf ON cf.id = c.file_id
	JOIN apis a ON a.name = c.api
	JOIN flows s ON s.id = r.assign_id JOIN files sf ON sf.id = s.file_id
	UNION ALL
	SELECT r.end_io_id, fn.name, ef.path, fn.line,
		CASE WHEN o.src = 'zero' THEN 'zero' ELSE substr(o.src, 1, instr(o.src, ':') - 1) END,
		CASE WHEN o.src = 'zero' THEN 'ZERO_PAGE' ELSE substr(o.src, instr(o.src, ':') + 1) END,
		of.path, o.line, NULL, sf.path, s.line, s.file_id, s.function
	FROM bio_reach r JOIN functions fn ON fn.id = r.end_io_id JOIN files ef ON ef.id = fn.file_id
	JOIN flows o ON o.id = r.origin_id JOIN files of ON of.id = o.file_id
	JOIN flows s ON s.id = r.assign_id JOIN files sf ON sf.id = s.file_id;

-- Functions whose address is taken (assigned, passed, put in an initializer): code calls them
-- later, completions among them.
CREATE VIEW callbacks AS
	SELECT DISTINCT callee AS name FROM flows
	WHERE kind = (SELECT kind FROM flow_kinds WHERE name = 'callback');

-- Releases of GUP pages that run in a callback: in it, or in a function it calls, two calls deep
-- (functions are matched by name).  A callback that leads to the acquire itself (within six
-- calls: a file operation, the system call's entry) is where the pages come from, not where they
-- complete, and is left out.  This is how completions that are not bi_end_io (NFS's .completion,
-- fuse's args.end, kref release functions, pipe buffer release) show which pages they release.
CREATE VIEW callback_releases AS
	WITH RECURSIVE down(callback, fn, depth) AS (
		SELECT name, name, 0 FROM callbacks
		UNION
		SELECT d.callback, k.callee, d.depth + 1 FROM down d
		JOIN flows k ON k.function = d.fn
			AND k.kind = (SELECT kind FROM flow_kinds WHERE name = 'call')
		WHERE d.depth < 2),
	up(acquire_id, fn, depth) AS (
		SELECT c.id, c.function, 0 FROM calls c JOIN apis a ON a.name = c.api
		WHERE a.is_acquire AND c.function IS NOT NULL
		UNION
		SELECT u.acquire_id, k.function, u.depth + 1 FROM up u
		JOIN flows k ON k.callee = u.fn
			AND k.kind = (SELECT kind FROM flow_kinds WHERE name = 'call')
		WHERE u.depth < 6)
	SELECT DISTINCT d.callback, p.acquire_id, p.release_id, p.kind
	FROM down d JOIN calls r ON r.function = d.fn JOIN pairs p ON p.release_id = r.id
	WHERE NOT EXISTS (SELECT 1 FROM up WHERE up.acquire_id = p.acquire_id AND up.fn = d.callback);

-- What each completion (and its callees) releases of its bio's pages: the summary of parameter 0.
CREATE VIEW end_io_releases AS
	SELECT s.function_id AS end_io_id, c.api, a.kind, s.dispatched, f.path, c.line
	FROM summaries s JOIN calls c ON c.id = s.call_id JOIN apis a ON a.name = c.api
	JOIN files f ON f.id = c.file_id
	WHERE s.param = 0 AND a.kind IN ('put', 'release', 'put-user', 'unpin', 'bio-release');

-- The balance of each completion reached by GUP pages:
--   unreleased     it releases nothing, and some GUP origin's pages are released nowhere else;
--   wrong-release  pinned pages put (or referenced pages unpinned), not picked by kind at run time;
--   mixed-origin   GUP pages and other pages (or pins and references) share it: converting its
--                  release needs a split (_gup / _normal) or a flag on the bio; a completion
--                  whose releases all pick by the pages' kind (BIO_PAGE_PINNED) is balanced;
--   balanced       otherwise.
CREATE VIEW end_io_balance AS
	SELECT o.end_io_id, o.end_io, o.end_io_path, o.end_io_line,
		group_concat(DISTINCT o.origin_kind) AS origins,
		(SELECT group_concat(DISTINCT r.api) FROM end_io_releases r
		 WHERE r.end_io_id = o.end_io_id) AS releases,
		CASE
		WHEN NOT EXISTS (SELECT 1 FROM end_io_releases r WHERE r.end_io_id = o.end_io_id)
		     AND EXISTS (SELECT 1 FROM end_io_origins x WHERE x.end_io_id = o.end_io_id
				 AND x.acquire_id IS NOT NULL
				 AND NOT EXISTS (SELECT 1 FROM pairs p WHERE p.acquire_id = x.acquire_id
						 AND p.kind = 'release'))
			THEN 'unreleased'
		WHEN (sum(o.origin_kind = 'gup-pin') > 0 AND EXISTS (SELECT 1 FROM end_io_releases r
			WHERE r.end_io_id = o.end_io_id AND r.kind IN ('put', 'release', 'bio-release')
			AND NOT r.dispatched))
		  OR (sum(o.origin_kind = 'gup-ref') > 0 AND EXISTS (SELECT 1 FROM end_io_releases r
			WHERE r.end_io_id = o.end_io_id AND r.kind = 'unpin' AND NOT r.dispatched))
			THEN 'wrong-release'
		WHEN ((sum(o.origin_kind LIKE 'gup-%') > 0 AND sum(o.origin_kind NOT LIKE 'gup-%') > 0)
		  OR (sum(o.origin_kind = 'gup-pin') > 0 AND sum(o.origin_kind = 'gup-ref') > 0))
		  AND EXISTS (SELECT 1 FROM end_io_releases r WHERE r.end_io_id = o.end_io_id
			      AND NOT r.dispatched)
			THEN 'mixed-origin'
		ELSE 'balanced' END AS verdict
	FROM end_io_origins o
	GROUP BY o.end_io_id
	HAVING sum(o.origin_kind LIKE 'gup-%') > 0;

-- The plan: for each acquire site, its verdict and evidence ...
CREATE TABLE verdicts (
	call_id INTEGER PRIMARY KEY REFERENCES calls(id),
	verdict TEXT NOT NULL CHECK (verdict IN ('ref', 'pin', 'longterm-pin', 'unknown')),
	rule TEXT NOT NULL,
	evidence TEXT NOT NULL,
	kept_in TEXT,
	reaches TEXT,		-- a function outside the files read that may release the pages
	returned INTEGER NOT NULL DEFAULT 0,	-- the pages go back to callers the files do not show
	longterm INTEGER NOT NULL DEFAULT 0	-- a wrapper's callers that keep the pages pass FOLL_LONGTERM
);

-- ... every release (or dirtying) that can reach its pages, and how the flow gets there ...
CREATE TABLE pairs (
	acquire_id INTEGER NOT NULL REFERENCES calls(id),
	release_id INTEGER NOT NULL REFERENCES calls(id),
	kind TEXT NOT NULL CHECK (kind IN ('release', 'dirty')),
	via TEXT NOT NULL,
	dispatched INTEGER NOT NULL,	-- the release is picked at run time by the pages' kind
	dispatch_cond TEXT,		-- the condition that picks it (an if's text), or NULL
	PRIMARY KEY (acquire_id, release_id)
) WITHOUT ROWID;

-- ... a helper's calls, each judged on its own (checker/flow_callers.c): for a site whose pages
-- go back to its acquiring function's callers, each call of that function (flow_id: the pass
-- or assignment of the call's pages) with the verdict of what its own side reaches, whether it
-- keeps the pages (a release in a teardown), and the dirtyings its side reaches ...
CREATE TABLE caller_verdicts (
	acquire_id INTEGER NOT NULL REFERENCES calls(id),
	flow_id INTEGER NOT NULL REFERENCES flows(id),
	verdict TEXT NOT NULL CHECK (verdict IN ('ref', 'pin', 'longterm-pin', 'unknown')),
	rule TEXT NOT NULL,
	evidence TEXT NOT NULL,
	keeps INTEGER NOT NULL,
	longterm INTEGER NOT NULL,	-- the call passes FOLL_LONGTERM in the helper's flags
	PRIMARY KEY (acquire_id, flow_id)
) WITHOUT ROWID;

CREATE TABLE caller_dirty (
	acquire_id INTEGER NOT NULL REFERENCES calls(id),
	flow_id INTEGER NOT NULL REFERENCES flows(id),
	dirty_id INTEGER NOT NULL REFERENCES calls(id),
	PRIMARY KEY (acquire_id, flow_id, dirty_id)
) WITHOUT ROWID;

-- ... and why not every caller of such a helper is in view (its address is taken): convert
-- then keeps the helper's signature.
CREATE TABLE callers_out (
	acquire_id INTEGER PRIMARY KEY REFERENCES calls(id),
	reason TEXT NOT NULL
);

-- What the flow model believes at each __gupcheck_where() probe of a fixture (debug intrinsic).
CREATE TABLE probes (
	flow_id INTEGER PRIMARY KEY REFERENCES flows(id),
	belief TEXT NOT NULL
);

-- ... and the findings of the checks, with a fingerprint that survives line moves.
CREATE TABLE findings (
	id INTEGER PRIMARY KEY,
	call_id INTEGER NOT NULL REFERENCES calls(id),
	acquire_id INTEGER REFERENCES calls(id),
	check_name TEXT NOT NULL,
	severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
	message TEXT NOT NULL,
	fingerprint TEXT NOT NULL
);

CREATE TABLE field_stores (
	id INTEGER PRIMARY KEY,
	file_id INTEGER NOT NULL REFERENCES files(id),
	line INTEGER NOT NULL,
	col INTEGER NOT NULL,
	function TEXT,
	struct TEXT NOT NULL,
	field TEXT NOT NULL,
	value TEXT NOT NULL
);

-- The configurations the facts come from: the tree's own (a scan in place), or each kbuild O=
-- folder of 'gupcheck scan TREE --build DIR ...', in the order given: its ARCH, the clang target
-- its files were parsed with (NULL: clang has none, its files were not parsed), the folder, and
-- how many files it read (what came from the facts cache is not kept: a warm scan's database is
-- the cold one's).
CREATE TABLE configs (
	name TEXT PRIMARY KEY,
	arch TEXT NOT NULL,
	target TEXT,
	build TEXT NOT NULL,
	files INTEGER NOT NULL
);

-- In a scan of several configurations, each acquire site's verdict and checks in every
-- configuration that compiles it (its own plan, on its own facts): checks names the checks that
-- report the site there, sorted, comma-separated ('' for none).
CREATE TABLE site_configs (
	call_id INTEGER NOT NULL REFERENCES calls(id),
	config TEXT NOT NULL REFERENCES configs(name),
	verdict TEXT NOT NULL CHECK (verdict IN ('ref', 'pin', 'longterm-pin', 'unknown')),
	checks TEXT NOT NULL,
	PRIMARY KEY (call_id, config)
) WITHOUT ROWID;

CREATE VIEW acquire_sites AS
	SELECT c.*, f.path, a.kind FROM calls c
	JOIN files f ON f.id = c.file_id JOIN apis a ON a.name = c.api
	WHERE a.is_acquire;

CREATE VIEW release_sites AS
	SELECT c.*, f.path, a.kind FROM calls c
	JOIN files f ON f.id = c.file_id JOIN apis a ON a.name = c.api
	WHERE NOT a.is_acquire;

-- The facts cache (db/README.md, "The facts cache"): what the next scan of the same tree may
-- reuse instead of parsing.  One row per file read: its content hash, the key of everything
-- else its facts depend on (gupcheck's build, the clang arguments, the Makefile's "built", the
-- ARCH, the tree's FOLL_* values), its facts as a checker/facts_io.c blob, and the headers
-- its parse read: their cache_headers ids as a JSON array ("[3,17,204]"; json_each() lists
-- them), one value per file rather than a row per header, which made the store of a warm scan
-- insert some 90,000 rows.
-- A scan of several configurations (--build) keeps a row per file and configuration (its name,
-- configs.name); a scan of one keeps its configuration's name too.
CREATE TABLE cache_files (
	config TEXT NOT NULL,
	path TEXT NOT NULL,
	hash TEXT NOT NULL,
	key TEXT NOT NULL,
	facts BLOB NOT NULL,
	includes TEXT NOT NULL,
	ring INTEGER NOT NULL,	-- the file's ring in that configuration (files.ring is the census's)
	PRIMARY KEY (config, path)
) WITHOUT ROWID;

-- Every header a cached file's parse read, with its content hash at that scan ('missing' for a
-- header that could not be read then); path is relative to the tree when inside it.
CREATE TABLE cache_headers (
	id INTEGER PRIMARY KEY,
	path TEXT NOT NULL UNIQUE,
	hash TEXT NOT NULL
);

-- The walk's memory: each .c and .h file the walk read, by its stat data, and whether it was a
-- candidate (with its content hash then), so that the next walk reads only the files whose stat
-- changed (git's index does the same).  A file whose mtime is less than 2 s before the walk
-- began is not recorded (racy: a change within the file system's timestamp tick keeps its stat).
CREATE TABLE cache_walk (
	path TEXT PRIMARY KEY,
	size INTEGER NOT NULL,
	mtime_ns INTEGER NOT NULL,
	ctime_ns INTEGER NOT NULL,
	inode INTEGER NOT NULL,
	candidate INTEGER NOT NULL,
	hash TEXT,
	tool TEXT NOT NULL	-- the gupcheck that decided candidate (its kernel.def rows)
) WITHOUT ROWID;
