-- A group's occurrences per hour (the inbox's sparklines, the group page's 7-day chart) read from the
-- index alone: with occurrences in it, SQLite no longer visits each report's row.
DROP INDEX reports_fingerprint_occurred;
CREATE INDEX reports_fingerprint_occurred ON reports (fingerprint, occurred_at, occurrences);
