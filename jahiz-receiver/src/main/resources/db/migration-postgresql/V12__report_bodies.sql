-- PostgreSQL's version of migration-sqlite/V12__report_bodies.sql: a report's JSON in its own table,
-- keyed by the report's new id, so that marking a digest delivered writes a new version of a small
-- row per report rather than of one holding (or pointing into TOAST for) ~3 KB of JSON.
ALTER TABLE reports ADD COLUMN id BIGSERIAL;
ALTER TABLE reports ADD CONSTRAINT reports_id UNIQUE (id);

CREATE TABLE report_bodies (
  report_id   BIGINT NOT NULL PRIMARY KEY,
  report_json TEXT   NOT NULL
);
INSERT INTO report_bodies (report_id, report_json) SELECT id, report_json FROM reports;

ALTER TABLE reports DROP COLUMN report_json;
