-- Counter-narrative targets of CSO teams. Separate from reports: nothing here feeds a removal
-- decision. Claim and closure are small JSON objects; responses and outcomes are JSON arrays
-- appended under a row lock.

CREATE SEQUENCE target_ref_seq;

CREATE TABLE targets (
  id uuid PRIMARY KEY,
  ref_seq bigint NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  created_by uuid NOT NULL REFERENCES api_tokens (id),
  status text NOT NULL CHECK (status IN ('open', 'claimed', 'responded', 'closed')),
  url text NOT NULL,
  excerpt text NOT NULL,
  excerpt_sha256 text NOT NULL,
  theme text NOT NULL,
  target_group text NOT NULL,
  language text NOT NULL,
  platform text NOT NULL,
  reach jsonb NOT NULL,
  source text NOT NULL,
  captured_at timestamptz NOT NULL,
  claim jsonb,
  responses jsonb NOT NULL DEFAULT '[]',
  outcomes jsonb NOT NULL DEFAULT '[]',
  closure jsonb
);

CREATE INDEX targets_board ON targets (captured_at DESC, id DESC);

CREATE TABLE target_idempotency_keys (
  token_id uuid NOT NULL REFERENCES api_tokens (id),
  key text NOT NULL,
  body_sha256 text NOT NULL,
  target_id uuid NOT NULL REFERENCES targets (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (token_id, key)
);

CREATE TABLE theme_guidance (
  theme text PRIMARY KEY,
  points jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by uuid NOT NULL REFERENCES api_tokens (id)
);
