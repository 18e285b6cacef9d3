-- Replies: the id Telegram gave the message that delivered a report, and for a report that answers
-- an earlier message (a Sentry issue resolved), the fingerprint whose last delivered message it answers.
ALTER TABLE reports ADD COLUMN message_id BIGINT;
ALTER TABLE reports ADD COLUMN reply_to VARCHAR(128);
