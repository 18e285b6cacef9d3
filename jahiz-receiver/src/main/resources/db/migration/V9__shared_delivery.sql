-- Several receivers on one database. A lease names the receiver that may, until expires_at (epoch
-- milliseconds), send one fingerprint's digest or run one scheduled job; taken and renewed by one
-- conditional upsert, so a receiver killed while holding one only delays its work until expiry.
CREATE TABLE leases (
  lease_key  VARCHAR(300) NOT NULL PRIMARY KEY,
  holder     VARCHAR(200) NOT NULL,
  expires_at BIGINT       NOT NULL
);

-- Telegram's pace per chat, held across receivers: a chat's row is locked while a receiver takes a
-- send slot, and chat_sends keeps the last hour of sends that the pacing limits count.
CREATE TABLE chat_pace (
  chat_key VARCHAR(300) NOT NULL PRIMARY KEY
);
CREATE TABLE chat_sends (
  chat_key VARCHAR(300) NOT NULL,
  sent_at  BIGINT       NOT NULL
);
CREATE INDEX chat_sends_chat ON chat_sends (chat_key, sent_at);
