-- The transparency log's entries (RFC 9162 leaves). Append-only, enforced here: any UPDATE,
-- DELETE or TRUNCATE raises, whoever runs it.

CREATE TABLE log_entries (
  idx bigint PRIMARY KEY CHECK (idx >= 0),
  data bytea NOT NULL,
  leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION log_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'log_entries is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER log_entries_no_update_delete
  BEFORE UPDATE OR DELETE ON log_entries
  FOR EACH ROW EXECUTE FUNCTION log_entries_append_only();

CREATE TRIGGER log_entries_no_truncate
  BEFORE TRUNCATE ON log_entries
  FOR EACH STATEMENT EXECUTE FUNCTION log_entries_append_only();
