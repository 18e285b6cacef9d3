-- Portable SQL on purpose: the same migration is meant to run on PostgreSQL for several receivers
-- behind a load balancer. Times are epoch milliseconds in BIGINT, ids are client or server UUIDs,
-- so neither auto-increment nor timestamp types (which differ between the two) are needed.
CREATE TABLE reports (
  event_id       VARCHAR(36)   NOT NULL PRIMARY KEY,
  received_at    BIGINT        NOT NULL,
  occurred_at    BIGINT        NOT NULL,
  first_seen     BIGINT        NOT NULL,
  occurrences    INTEGER       NOT NULL,
  fingerprint    VARCHAR(128)  NOT NULL,
  severity       VARCHAR(16)   NOT NULL,
  app_name       VARCHAR(2048),
  environment    VARCHAR(2048),
  error_type     VARCHAR(2048),
  error_message  TEXT          NOT NULL,
  report_json    TEXT          NOT NULL,
  status         VARCHAR(16)   NOT NULL,
  attempts       INTEGER       NOT NULL DEFAULT 0,
  delivered_at   BIGINT,
  failure_reason VARCHAR(2048)
);

CREATE INDEX reports_status_received ON reports (status, received_at);
CREATE INDEX reports_fingerprint_status ON reports (fingerprint, status, delivered_at);
CREATE INDEX reports_received ON reports (received_at);

-- One row that readiness checks write to, proving the database accepts writes.
CREATE TABLE receiver_heartbeat (
  id         INTEGER NOT NULL PRIMARY KEY,
  checked_at BIGINT  NOT NULL
);
INSERT INTO receiver_heartbeat (id, checked_at) VALUES (1, 0);
