-- The next number of each shared sequence: the log's next index and the next case number. A
-- writer takes the row lock with UPDATE … RETURNING in the statement that inserts, so the numbers
-- are dense and in commit order whichever of several API processes writes. Started from the
-- rows already stored.

CREATE TABLE sequence_heads (
  name text PRIMARY KEY CHECK (name IN ('log_idx', 'case_seq')),
  next bigint NOT NULL CHECK (next >= 0)
);

INSERT INTO sequence_heads (name, next) VALUES
  ('log_idx', (SELECT coalesce(max(idx) + 1, 0) FROM log_entries)),
  ('case_seq', (SELECT coalesce(max(case_seq), 0) + 1 FROM reports));
