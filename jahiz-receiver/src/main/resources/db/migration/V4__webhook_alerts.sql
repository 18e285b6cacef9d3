-- Alert conditions in force, so a restart neither announces them again nor forgets to announce
-- their recovery.
CREATE TABLE webhook_alerts (
  alert_key   VARCHAR(300) NOT NULL PRIMARY KEY,
  started_at  BIGINT       NOT NULL
);
