-- The integration lease: the one API process (of any number on this database) that integrates
-- the log and signs its checkpoints. One row; the holder renews it before `expires_at`, another
-- process takes it over once it has expired. `term` grows with each new holder.

CREATE TABLE log_lease (
  id smallint PRIMARY KEY CHECK (id = 1),
  holder text NOT NULL,
  term bigint NOT NULL,
  acquired_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
