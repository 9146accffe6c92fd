-- The content provider's notice (DSA Art. 17, TCO Art. 11): the statement of reasons, the
-- authority's reasons for an order, the redress and the appeal token, posted to the hosting
-- platform's own endpoint (COUNTERWEIGHT_PROVIDER_NOTICE_URL), which passes it to its user. One
-- row per decision or executed order, written in the same transaction while the channel is on.
-- `sending` is committed before the post goes out, with a claim that lapses at
-- `next_attempt_at` (a sender that dies is replaced by any instance after it); a failed post
-- goes back to `pending` with a later `next_attempt_at` (back-off). An order's notice is not
-- released before the authority's confidentiality ends (`release_at`, TCO Art. 11(3)).

CREATE TABLE provider_notices (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('removal_order', 'decision')),
  decision_id uuid UNIQUE REFERENCES decisions (id),
  order_id uuid UNIQUE REFERENCES removal_orders (id),
  state text NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'sending', 'delivered', 'failed')),
  created_at timestamptz NOT NULL,
  release_at timestamptz NOT NULL,
  next_attempt_at timestamptz NOT NULL,
  attempts int NOT NULL DEFAULT 0,
  last_attempt_at timestamptz,
  delivered_at timestamptz,
  -- why the last attempt failed (kept while retrying), and why the notice was given up
  last_error text,
  failed_reason text,
  -- a decision's appeal token (only its hash is kept elsewhere), until the notice is delivered;
  -- an order's token stays in order_statements
  appeal_token text,
  CHECK ((kind = 'decision') = (decision_id IS NOT NULL)),
  CHECK ((kind = 'removal_order') = (order_id IS NOT NULL)),
  CHECK ((state = 'failed') = (failed_reason IS NOT NULL)),
  CHECK ((state = 'delivered') = (delivered_at IS NOT NULL))
);

CREATE INDEX provider_notices_due ON provider_notices (next_attempt_at, id)
  WHERE state IN ('pending', 'sending');
CREATE INDEX provider_notices_created ON provider_notices (created_at DESC, id);
