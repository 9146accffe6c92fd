-- Hash banks (issue 17): signals are hashes of content with a label, never the content.
-- Every change of a signal (added, removed, held) takes a new number from bank_change_seq, so a
-- copy of a bank follows it by asking for the changes after the last number it saw.

CREATE SEQUENCE bank_change_seq;

CREATE TABLE banks (
  name text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('positive', 'negative')),
  description text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES api_tokens (id)
);

CREATE TABLE bank_signals (
  id bigserial PRIMARY KEY,
  bank text NOT NULL REFERENCES banks (name),
  type text NOT NULL CHECK (type IN ('pdq', 'md5', 'sha256', 'text')),
  value text NOT NULL,
  category text NOT NULL,
  source text NOT NULL,
  -- The decision whose content the signal hashes (null for imported or added signals).
  decision_id uuid,
  added_at timestamptz NOT NULL,
  added_by uuid REFERENCES api_tokens (id),
  removed_at timestamptz,
  held_at timestamptz,
  change_seq bigint NOT NULL,
  UNIQUE (bank, type, value)
);

CREATE INDEX bank_signals_changes ON bank_signals (bank, change_seq);
CREATE INDEX bank_signals_all_changes ON bank_signals (change_seq);
CREATE INDEX bank_signals_decision ON bank_signals (decision_id) WHERE decision_id IS NOT NULL;

-- "This match is wrong": a reviewer's disagreement with a signal's label (GIFCT lets members
-- disagree with labels). The reviewer is kept as a token id here, a pseudonym in the log.
CREATE TABLE bank_disagreements (
  id bigserial PRIMARY KEY,
  signal_id bigint NOT NULL REFERENCES bank_signals (id),
  at timestamptz NOT NULL,
  by_token uuid NOT NULL REFERENCES api_tokens (id),
  reason text NOT NULL
);

CREATE INDEX bank_disagreements_signal ON bank_disagreements (signal_id);
