-- The content provider's complaint on an executed removal order (TCO Art. 10) goes through the
-- appeal path: an appeal contests either a decision on a report or an order, never both. The
-- order's appeal token is issued at execution and handed to the content provider in the notice;
-- a reversal records the reinstatement on the order.

ALTER TABLE appeals ALTER COLUMN report_id DROP NOT NULL;
ALTER TABLE appeals ALTER COLUMN decision_id DROP NOT NULL;
ALTER TABLE appeals ADD COLUMN order_id uuid UNIQUE REFERENCES removal_orders (id);
ALTER TABLE appeals ADD CONSTRAINT appeals_contest_one
  CHECK ((decision_id IS NULL) <> (order_id IS NULL) AND (report_id IS NULL) = (decision_id IS NULL));

ALTER TABLE order_statements ADD COLUMN appeal_token text;
ALTER TABLE order_statements ADD COLUMN appeal_token_sha256 text UNIQUE;
ALTER TABLE order_statements ADD COLUMN appeal_deadline timestamptz;

ALTER TABLE removal_orders ADD COLUMN reinstated_at timestamptz;
