-- gupcheck facts database: the census of one kernel tree's GUP-family calls (see db/README.md).
-- The version below is PRAGMA user_version; bump it on any change, never reuse a number.
PRAGMA user_version = 2;

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

-- How pages move inside one function; kind numbers are never reused (checker/facts.h).
CREATE TABLE flows (
	id INTEGER PRIMARY KEY,
	file_id INTEGER NOT NULL REFERENCES files(id),
	line INTEGER NOT NULL,
	col INTEGER NOT NULL,
	function TEXT NOT NULL,
	kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 5),
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
	PRIMARY KEY (function_id, param, call_id)
) WITHOUT ROWID;

-- The plan: for each acquire site, its verdict and evidence ...
CREATE TABLE verdicts (
	call_id INTEGER PRIMARY KEY REFERENCES calls(id),
	verdict TEXT NOT NULL CHECK (verdict IN ('ref', 'pin', 'longterm-pin', 'unknown')),
	rule TEXT NOT NULL,
	evidence TEXT NOT NULL,
	kept_in TEXT
);

-- ... every release (or dirtying) that can reach its pages, and how the flow gets there ...
CREATE TABLE pairs (
	acquire_id INTEGER NOT NULL REFERENCES calls(id),
	release_id INTEGER NOT NULL REFERENCES calls(id),
	kind TEXT NOT NULL CHECK (kind IN ('release', 'dirty')),
	via TEXT NOT NULL,
	dispatched INTEGER NOT NULL,	-- the release is picked at run time by the pages' kind
	PRIMARY KEY (acquire_id, release_id)
) WITHOUT ROWID;

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

CREATE VIEW acquire_sites AS
	SELECT c.*, f.path, a.kind FROM calls c
	JOIN files f ON f.id = c.file_id JOIN apis a ON a.name = c.api
	WHERE a.is_acquire;

CREATE VIEW release_sites AS
	SELECT c.*, f.path, a.kind FROM calls c
	JOIN files f ON f.id = c.file_id JOIN apis a ON a.name = c.api
	WHERE NOT a.is_acquire;
