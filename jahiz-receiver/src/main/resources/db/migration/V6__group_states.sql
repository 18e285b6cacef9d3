-- Triage (issue 19): a group resolved or muted, by whom and when. A group with no row is open. A
-- resolved group whose reports keep arriving after resolved_at has regressed, which needs no write
-- at ingest: it is read from the reports. muted_until NULL with muted_at set is "until resolved".
CREATE TABLE group_states (
  fingerprint  VARCHAR(128) NOT NULL PRIMARY KEY,
  resolved_at  BIGINT,
  resolved_by  VARCHAR(256),
  muted_at     BIGINT,
  muted_until  BIGINT,
  muted_by     VARCHAR(256),
  changed_at   BIGINT       NOT NULL
);

-- Telegram updates already handled, so a replayed update_id (a webhook retried, a poll repeated) is
-- processed once; the highest one is where long polling resumes after a restart.
CREATE TABLE telegram_updates (
  update_id    BIGINT NOT NULL PRIMARY KEY,
  received_at  BIGINT NOT NULL
);

-- A button pressed under an alert names the message; this finds the group it announced.
CREATE INDEX reports_message_id ON reports (message_id);

-- Web inbox sign-ins: only a hash of the session cookie is stored, with the session's CSRF token.
CREATE TABLE ui_sessions (
  session_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
  csrf_token   VARCHAR(64)  NOT NULL,
  created_at   BIGINT       NOT NULL,
  expires_at   BIGINT       NOT NULL
);
