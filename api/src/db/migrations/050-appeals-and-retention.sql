-- Appeals against decisions (one per decision), legal holds that stop the retention purge, and
-- the time each report's content was purged.

CREATE TABLE appeals (
  id uuid PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES reports (id),
  decision_id uuid NOT NULL UNIQUE REFERENCES decisions (id),
  appellant text NOT NULL CHECK (appellant IN ('content_provider', 'reporter')),
  -- the reporter's token when a reporter appeals; null for a content provider (no account)
  filed_by uuid REFERENCES api_tokens (id),
  grounds text, -- null once purged under the retention rule
  filed_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  original_action text NOT NULL,
  decided_by uuid REFERENCES api_tokens (id),
  decided_at timestamptz,
  outcome text CHECK (outcome IN ('upheld', 'reversed', 'modified')),
  resulting_action text,
  reasons text,
  CHECK ((decided_at IS NULL) = (outcome IS NULL) AND (outcome IS NULL) = (decided_by IS NULL))
);

CREATE INDEX appeals_open ON appeals (due_at, filed_at) WHERE decided_at IS NULL;

CREATE TABLE legal_holds (
  report_id uuid PRIMARY KEY REFERENCES reports (id),
  set_by uuid NOT NULL REFERENCES api_tokens (id),
  set_at timestamptz NOT NULL,
  reason text NOT NULL
);

CREATE TABLE content_purges (
  report_id uuid PRIMARY KEY REFERENCES reports (id),
  purged_at timestamptz NOT NULL
);
