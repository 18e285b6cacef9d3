-- The kind of failure (validation_error, connection_error, ...), for GET /errors?error_class= and
-- /groups?error_class=. Reports stored before this column existed keep NULL: their class is unknown
-- to the database, not unknown_error.
ALTER TABLE reports ADD COLUMN error_class VARCHAR(32);
CREATE INDEX reports_error_class ON reports (error_class, received_at);
