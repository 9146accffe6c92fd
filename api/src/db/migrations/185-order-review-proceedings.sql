-- Review proceedings against a removal order (TCO Art. 9): brought by the hosting service or the
-- content provider before a court of the issuing Member State, or an authority's scrutiny. The
-- outcome may reinstate content removed under the order; the order records the first
-- reinstatement and what brought it (a reversed complaint, Art. 10, or review proceedings).

CREATE TABLE order_review_proceedings (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES removal_orders (id),
  brought_by text NOT NULL CHECK (brought_by IN ('hosting_service', 'content_provider')),
  body text NOT NULL CHECK (body IN ('court', 'authority')),
  -- the proceeding's own reference: never logged
  reference text NOT NULL,
  filed_at timestamptz NOT NULL,
  recorded_by uuid NOT NULL REFERENCES api_tokens (id),
  recorded_at timestamptz NOT NULL,
  outcome text CHECK (outcome IN ('order_upheld', 'order_annulled', 'order_amended')),
  decided_at timestamptz,
  reinstated boolean,
  outcome_recorded_by uuid REFERENCES api_tokens (id),
  outcome_recorded_at timestamptz,
  CHECK ((outcome IS NULL) = (decided_at IS NULL)),
  CHECK ((outcome IS NULL) = (reinstated IS NULL)),
  CHECK ((outcome IS NULL) = (outcome_recorded_at IS NULL)),
  CHECK (outcome IS DISTINCT FROM 'order_upheld' OR reinstated = false)
);

CREATE INDEX order_review_proceedings_order ON order_review_proceedings (order_id, filed_at, id);

ALTER TABLE removal_orders ADD COLUMN reinstated_by text
  CHECK (reinstated_by IN ('complaint', 'review_proceedings'));
UPDATE removal_orders SET reinstated_by = 'complaint' WHERE reinstated_at IS NOT NULL;
ALTER TABLE removal_orders ADD CONSTRAINT removal_orders_reinstated_by
  CHECK ((reinstated_at IS NULL) = (reinstated_by IS NULL));
