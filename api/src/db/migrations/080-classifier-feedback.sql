-- Opt-in reviewer feedback on the classifier: daily counts only, no text, URL, site or person.
-- Each batch a browser sends is recorded by its id so a retried batch is counted once.

CREATE TABLE feedback_counts (
  day date NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('dismissed', 'confirmed')),
  label text NOT NULL,
  decision text NOT NULL,
  score_bucket text NOT NULL,
  model_version text NOT NULL,
  language text NOT NULL,
  count bigint NOT NULL CHECK (count > 0),
  PRIMARY KEY (day, outcome, label, decision, score_bucket, model_version, language)
);

CREATE TABLE feedback_batches (
  batch_id uuid PRIMARY KEY,
  received_at timestamptz NOT NULL
);
