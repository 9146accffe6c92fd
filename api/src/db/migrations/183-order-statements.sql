-- The statement of reasons of an executed removal order, and when the content provider's notice
-- may be released: at the decision, or when the authority's confidentiality ends (TCO Art. 11(3)).

CREATE TABLE order_statements (
  order_id uuid PRIMARY KEY REFERENCES removal_orders (id),
  body jsonb NOT NULL,
  published_at timestamptz NOT NULL,
  notice_from timestamptz NOT NULL
);
