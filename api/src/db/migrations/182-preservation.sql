-- Preservation (TCO Art. 6): content removed or disabled under a decision is kept for six months
-- after its removal whatever the ordinary retention says, longer when the competent authority asks
-- (each extension recorded with the authority's reference). Reads of preserved content are
-- recorded here with their reference; the log holds who (pseudonym), when and the purpose.

CREATE TABLE preservation_holds (
  report_id uuid PRIMARY KEY REFERENCES reports (id),
  legal_ground text NOT NULL,
  removed_at timestamptz NOT NULL,
  preserved_until timestamptz NOT NULL,
  -- [{ "authorityReference", "until", "recordedAt" }], oldest first
  extensions jsonb NOT NULL DEFAULT '[]'
);

CREATE INDEX preservation_holds_until ON preservation_holds (preserved_until);

CREATE TABLE preserved_reads (
  id uuid PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES reports (id),
  read_by uuid NOT NULL REFERENCES api_tokens (id),
  read_at timestamptz NOT NULL,
  purpose text NOT NULL,
  reference text NOT NULL
);
