-- A report's JSON gets its own table, keyed by the report's new integer id. Marking a digest
-- delivered rewrites each of its reports' rows, and SQLite rewrites a whole row: with the ~3 KB of
-- JSON in it, a page of log per report (10,000 reports in slices of 50: 48 MB of log, 0.30 s);
-- without it, ~10 reports a page (9.9 MB, 0.125 s; benchmarks/ingest/digest_marking.py). The id is an INTEGER PRIMARY KEY
-- so that it stays what it is through a VACUUM, which renumbers an implicit rowid; reports stored
-- later get higher ids, so both tables grow at their end.
CREATE TABLE reports_v12 (
  id             INTEGER       PRIMARY KEY,
  event_id       VARCHAR(36)   NOT NULL UNIQUE,
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
  status         VARCHAR(16)   NOT NULL,
  attempts       INTEGER       NOT NULL DEFAULT 0,
  delivered_at   BIGINT,
  failure_reason VARCHAR(2048),
  error_class    VARCHAR(32),
  message_id     BIGINT,
  reply_to       VARCHAR(128)
);
INSERT INTO reports_v12 (id, event_id, received_at, occurred_at, first_seen, occurrences, fingerprint, severity,
    app_name, environment, error_type, error_message, status, attempts, delivered_at, failure_reason, error_class,
    message_id, reply_to)
  SELECT rowid, event_id, received_at, occurred_at, first_seen, occurrences, fingerprint, severity, app_name,
      environment, error_type, error_message, status, attempts, delivered_at, failure_reason, error_class, message_id,
      reply_to
  FROM reports ORDER BY rowid;

CREATE TABLE report_bodies (
  report_id   INTEGER PRIMARY KEY,
  report_json TEXT    NOT NULL
);
INSERT INTO report_bodies (report_id, report_json) SELECT rowid, report_json FROM reports ORDER BY rowid;

DROP TABLE reports;
ALTER TABLE reports_v12 RENAME TO reports;

-- The indexes and the delete trigger went with the old table: the same again (V1, V2, V8, V10, V7).
CREATE INDEX reports_status_received ON reports (status, received_at);
CREATE INDEX reports_fingerprint_status ON reports (fingerprint, status, delivered_at);
CREATE INDEX reports_received ON reports (received_at);
CREATE INDEX reports_error_class ON reports (error_class, received_at);
CREATE INDEX reports_fingerprint_occurred ON reports (fingerprint, occurred_at, occurrences);
CREATE INDEX reports_status_fingerprint ON reports (status, fingerprint, received_at);
CREATE INDEX reports_message_id ON reports (message_id) WHERE message_id IS NOT NULL;

CREATE TRIGGER reports_unsummarize AFTER DELETE ON reports
BEGIN
  UPDATE group_summaries SET reports = reports - 1, occurrences = occurrences - OLD.occurrences
    WHERE fingerprint = OLD.fingerprint;
  DELETE FROM group_summaries WHERE fingerprint = OLD.fingerprint AND reports <= 0;
END;
