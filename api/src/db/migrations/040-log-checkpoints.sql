-- Every checkpoint the transparency log published (C2SP tlog-checkpoint as a signed note), so the
-- last one survives restarts and the start-up check can compare it with the recomputed root.
-- Append-only like log_entries.

CREATE TABLE log_checkpoints (
  size bigint PRIMARY KEY CHECK (size >= 0),
  root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
  note text NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER log_checkpoints_no_update_delete
  BEFORE UPDATE OR DELETE ON log_checkpoints
  FOR EACH ROW EXECUTE FUNCTION log_entries_append_only();

CREATE TRIGGER log_checkpoints_no_truncate
  BEFORE TRUNCATE ON log_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION log_entries_append_only();
