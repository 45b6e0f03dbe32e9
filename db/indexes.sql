-- Indexes of the facts database, built after the load (faster than maintaining them row by row).
CREATE INDEX calls_api ON calls(api);
CREATE INDEX calls_file ON calls(file_id, line);
CREATE INDEX calls_function ON calls(function);
CREATE INDEX functions_name ON functions(name);
CREATE INDEX functions_file ON functions(file_id, line);
CREATE INDEX field_stores_field ON field_stores(struct, field);
CREATE INDEX flows_file ON flows(file_id, function);
CREATE INDEX flows_callee ON flows(callee);
CREATE INDEX pairs_release ON pairs(release_id);
CREATE INDEX findings_call ON findings(call_id);
CREATE INDEX findings_check ON findings(check_name);
CREATE INDEX bio_reach_end_io ON bio_reach(end_io_id);
CREATE INDEX pairs_acquire ON pairs(acquire_id, kind);
CREATE INDEX flows_function ON flows(function, kind);
