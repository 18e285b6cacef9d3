-- The delivery worker's pass asks which fingerprints have pending reports, every 200 ms under load.
-- Read as GROUP BY over the pending rows, that cost grew with the backlog: a storm of one failure
-- kept inside its group window leaves a minute of reports pending, hundreds of thousands of rows
-- scanned per pass. With this index each pending fingerprint is one seek (a skip scan), whatever
-- the backlog.
CREATE INDEX reports_status_fingerprint ON reports (status, fingerprint, received_at);
