-- Removal orders under Regulation (EU) 2021/784 (TCO) and the new role that receives them at the
-- point of contact (Art. 15). The deadline is receipt + 1 hour; a decision records what was done
-- and when it took effect, or the Annex III reason why it could not be.

ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check
  CHECK (role IN ('reviewer', 'senior_reviewer', 'cso', 'auditor', 'admin', 'authority_liaison'));

CREATE TABLE removal_orders (
  id uuid PRIMARY KEY,
  reference text NOT NULL,
  issuing_authority text NOT NULL,
  member_state text NOT NULL,
  content_url text NOT NULL,
  url_sha256 text NOT NULL,
  tco_type text NOT NULL,
  reasons text NOT NULL,
  legal_basis text NOT NULL,
  issued_at timestamptz NOT NULL,
  confidential_until timestamptz,
  redress text NOT NULL,
  received_by uuid NOT NULL REFERENCES api_tokens (id),
  received_at timestamptz NOT NULL,
  deadline timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'executed', 'not_executed')),
  decided_by uuid REFERENCES api_tokens (id),
  decided_at timestamptz,
  outcome text CHECK (outcome IN ('removed', 'disabled', 'not_executed')),
  effective_at timestamptz,
  annex_iii_reason text CHECK (annex_iii_reason IN
    ('force_majeure', 'de_facto_impossibility', 'manifest_errors', 'insufficient_information')),
  explanation text,
  -- when the 15-minutes-left alert went out (null: not yet, or not needed)
  alerted_at timestamptz,
  CHECK ((status = 'open') = (decided_at IS NULL)),
  CHECK (status <> 'executed' OR effective_at IS NOT NULL),
  CHECK (status <> 'not_executed' OR annex_iii_reason IS NOT NULL)
);

-- The head of the review queue: open orders, nearest deadline first.
CREATE INDEX removal_orders_open ON removal_orders (deadline, id) WHERE status = 'open';
CREATE INDEX removal_orders_received ON removal_orders (received_at DESC, id);
