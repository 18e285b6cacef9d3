-- The delivery worker's pass asks which fingerprints have pending reports, every 200 ms under load.
-- Read as GROUP BY over the pending rows, that cost grew with the backlog: a storm of one failure
-- kept inside its group window leaves a minute of reports pending, hundreds of thousands of rows
-- scanned per pass. With this index each pending fingerprint is one seek (a skip scan), whatever
-- the backlog.
CREATE INDEX reports_status_fingerprint ON reports (status, fingerprint, received_at);

-- Only delivered reports have a message id; a report is stored without one. Indexing the NULLs too
-- cost every stored report an index page written in its commit.
DROP INDEX reports_message_id;
CREATE INDEX reports_message_id ON reports (message_id) WHERE message_id IS NOT NULL;
