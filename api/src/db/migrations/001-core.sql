-- Tokens, reports, idempotency keys, decisions and statements of reasons.

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  token_sha256 text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('reviewer', 'senior_reviewer', 'cso', 'auditor', 'admin')),
  name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

CREATE TABLE reports (
  id uuid PRIMARY KEY,
  case_seq bigint NOT NULL UNIQUE,
  case_number text NOT NULL, -- derived from case_seq, so unique with it
  status text NOT NULL CHECK (status IN ('awaiting_decision', 'decided', 'appealed', 'closed')),
  -- 0: threat to life (first in the queue), 1: everything else
  priority smallint NOT NULL,
  received_at timestamptz NOT NULL,
  submitted_by uuid NOT NULL REFERENCES api_tokens (id),
  -- the submission as received; json (not jsonb): stored as text, never queried inside
  content json,
  detected_by text NOT NULL,
  classifier json,
  assessment json NOT NULL,
  attestation json NOT NULL,
  excerpt_sha256 text NOT NULL,
  url_sha256 text NOT NULL,
  decision_id uuid
);

CREATE INDEX reports_queue ON reports (priority, received_at, case_seq)
  WHERE status = 'awaiting_decision';

CREATE TABLE idempotency_keys (
  token_id uuid NOT NULL REFERENCES api_tokens (id),
  key text NOT NULL,
  body_sha256 text NOT NULL,
  report_id uuid NOT NULL REFERENCES reports (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (token_id, key)
);

CREATE TABLE decisions (
  id uuid PRIMARY KEY,
  report_id uuid NOT NULL UNIQUE REFERENCES reports (id),
  decided_by uuid NOT NULL REFERENCES api_tokens (id),
  decided_at timestamptz NOT NULL,
  body jsonb NOT NULL,
  appeal_token_sha256 text NOT NULL UNIQUE,
  appeal_deadline timestamptz NOT NULL
);

CREATE TABLE statements (
  decision_id uuid PRIMARY KEY REFERENCES decisions (id),
  published_at timestamptz NOT NULL,
  body jsonb NOT NULL
);

CREATE INDEX statements_published ON statements (published_at, decision_id);
