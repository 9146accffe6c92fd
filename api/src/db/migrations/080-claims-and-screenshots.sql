-- Claims on reports (a reviewer's lease on a case while working it) and the screenshot evidence
-- kept with a report.

CREATE TABLE report_claims (
  report_id uuid PRIMARY KEY REFERENCES reports (id),
  claimed_by uuid NOT NULL REFERENCES api_tokens (id),
  claimed_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE TABLE report_screenshots (
  report_id uuid PRIMARY KEY REFERENCES reports (id),
  media_type text NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg', 'image/webp')),
  sha256 text NOT NULL,
  bytes integer NOT NULL CHECK (bytes > 0 AND bytes <= 2000000),
  data bytea NOT NULL
);
