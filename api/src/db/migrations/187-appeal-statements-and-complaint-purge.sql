-- Statements changed on appeal and the DSA Transparency Database, which has no update and takes a
-- puid once: an appeal that makes a new restriction gets its own statement, puid
-- "<original puid>-appeal-<appeal id>" (`appeal_id`); any reversal or modification is noted on the
-- original's delivery row (`amended_by_appeal`: { appealId, outcome, amendedAt, newPuid }).
ALTER TABLE tdb_deliveries ADD COLUMN appeal_id uuid UNIQUE;
ALTER TABLE tdb_deliveries ADD COLUMN amended_by_appeal jsonb;

-- The grounds of a complaint on a removal order are purged by the retention rule (there is no
-- report to purge them with): when, and why.
ALTER TABLE appeals ADD COLUMN grounds_purged_at timestamptz;
CREATE INDEX appeals_order_decided ON appeals (decided_at)
  WHERE order_id IS NOT NULL AND grounds IS NOT NULL;
