-- gupcheck facts database: the census of one kernel tree's GUP-family calls (see db/README.md).
-- The version below is PRAGMA user_version; bump it on any change, never reuse a number.
PRAGMA user_version = 1;

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
	flags_from TEXT
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
	note TEXT
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
