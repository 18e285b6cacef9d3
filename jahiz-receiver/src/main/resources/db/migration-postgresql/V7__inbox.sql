-- PostgreSQL's version of migration-sqlite/V7__inbox.sql: the same table, kept by PL/pgSQL triggers.
-- The web inbox lists groups without reading every report: one row per fingerprint, kept by the
-- triggers below as reports are stored and expire. first_seen stays the first ever seen, also after
-- retention removed that report; the latest report's fields are the group's headline.
CREATE TABLE group_summaries (
  fingerprint     VARCHAR(128)  NOT NULL PRIMARY KEY,
  reports         BIGINT        NOT NULL,
  occurrences     BIGINT        NOT NULL,
  first_seen      BIGINT        NOT NULL,
  last_seen       BIGINT        NOT NULL,
  last_received   BIGINT        NOT NULL,
  latest_event_id VARCHAR(36)   NOT NULL,
  severity        VARCHAR(16)   NOT NULL,
  app_name        VARCHAR(2048),
  environment     VARCHAR(2048),
  error_type      VARCHAR(2048),
  error_class     VARCHAR(32),
  error_message   TEXT          NOT NULL
);
CREATE INDEX group_summaries_last_received ON group_summaries (last_received);

INSERT INTO group_summaries (fingerprint, reports, occurrences, first_seen, last_seen, last_received, latest_event_id,
    severity, app_name, environment, error_type, error_class, error_message)
  SELECT g.fingerprint, g.n, g.occ, g.first_seen, g.last_seen, g.last_received, r.event_id, r.severity, r.app_name,
      r.environment, r.error_type, r.error_class, r.error_message
  FROM (SELECT fingerprint, COUNT(*) AS n, SUM(occurrences) AS occ, MIN(first_seen) AS first_seen,
      MAX(occurred_at) AS last_seen, MAX(received_at) AS last_received FROM reports GROUP BY fingerprint) g
  JOIN reports r ON r.event_id = (SELECT l.event_id FROM reports l WHERE l.fingerprint = g.fingerprint
      ORDER BY l.received_at DESC, l.occurred_at DESC, l.event_id DESC LIMIT 1);

CREATE FUNCTION reports_summarize() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO group_summaries AS g (fingerprint, reports, occurrences, first_seen, last_seen, last_received,
      latest_event_id, severity, app_name, environment, error_type, error_class, error_message)
    VALUES (NEW.fingerprint, 1, NEW.occurrences, NEW.first_seen, NEW.occurred_at, NEW.received_at, NEW.event_id,
      NEW.severity, NEW.app_name, NEW.environment, NEW.error_type, NEW.error_class, NEW.error_message)
    ON CONFLICT (fingerprint) DO UPDATE SET
      reports = g.reports + 1,
      occurrences = g.occurrences + excluded.occurrences,
      first_seen = LEAST(g.first_seen, excluded.first_seen),
      last_seen = GREATEST(g.last_seen, excluded.last_seen),
      latest_event_id = CASE WHEN excluded.last_received >= g.last_received THEN excluded.latest_event_id ELSE g.latest_event_id END,
      severity = CASE WHEN excluded.last_received >= g.last_received THEN excluded.severity ELSE g.severity END,
      app_name = CASE WHEN excluded.last_received >= g.last_received THEN excluded.app_name ELSE g.app_name END,
      environment = CASE WHEN excluded.last_received >= g.last_received THEN excluded.environment ELSE g.environment END,
      error_type = CASE WHEN excluded.last_received >= g.last_received THEN excluded.error_type ELSE g.error_type END,
      error_class = CASE WHEN excluded.last_received >= g.last_received THEN excluded.error_class ELSE g.error_class END,
      error_message = CASE WHEN excluded.last_received >= g.last_received THEN excluded.error_message ELSE g.error_message END,
      last_received = GREATEST(g.last_received, excluded.last_received);
  RETURN NULL;
END
$$;
CREATE TRIGGER reports_summarize AFTER INSERT ON reports FOR EACH ROW EXECUTE FUNCTION reports_summarize();

CREATE FUNCTION reports_unsummarize() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE group_summaries SET reports = reports - 1, occurrences = occurrences - OLD.occurrences
    WHERE fingerprint = OLD.fingerprint;
  DELETE FROM group_summaries WHERE fingerprint = OLD.fingerprint AND reports <= 0;
  RETURN NULL;
END
$$;
CREATE TRIGGER reports_unsummarize AFTER DELETE ON reports FOR EACH ROW EXECUTE FUNCTION reports_unsummarize();

-- A group's occurrences by time: its sparkline, its 7-day chart and its paged list.
CREATE INDEX reports_fingerprint_occurred ON reports (fingerprint, occurred_at);
