-- Delivery of statements of reasons to the DSA Transparency Database (Art. 24(5)). One row per
-- statement, keyed by its `puid` (the database refuses a puid twice). `sending`: handed to the
-- database with no answer recorded yet (a crash, a timeout, a 5xx); before such a statement is
-- sent again the sender asks the database whether the puid arrived. The statement as sent (the
-- database's fields only, checked against its v2 rules when enqueued) is kept apart, as JSON
-- text that goes into a batch unchanged, so that state changes rewrite small rows only.

CREATE TABLE tdb_deliveries (
  puid text PRIMARY KEY,
  -- the statement's decision; null for statements enqueued directly (the benchmark)
  decision_id uuid UNIQUE,
  state text NOT NULL CHECK (state IN ('pending', 'sending', 'delivered', 'refused')),
  enqueued_at timestamptz NOT NULL,
  attempts int NOT NULL DEFAULT 0,
  last_attempt_at timestamptz,
  delivered_at timestamptz,
  -- the database's id of the statement once it took it
  tdb_uuid text,
  -- why it was refused: the database's words, or the rule it broke before sending
  refused_reason text,
  CHECK ((state = 'delivered') = (tdb_uuid IS NOT NULL)),
  CHECK ((state = 'refused') = (refused_reason IS NOT NULL))
);

CREATE INDEX tdb_deliveries_pending ON tdb_deliveries (enqueued_at, puid) WHERE state = 'pending';
CREATE INDEX tdb_deliveries_sending ON tdb_deliveries (puid) WHERE state = 'sending';

CREATE TABLE tdb_statements (
  puid text PRIMARY KEY REFERENCES tdb_deliveries (puid),
  body text NOT NULL
);
