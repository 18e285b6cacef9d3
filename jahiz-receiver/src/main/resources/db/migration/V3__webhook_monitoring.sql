-- Webhook monitoring (seed 001): one row per write request and per delivery attempt, kept
-- WEBHOOK_EVENT_RETENTION_DAYS; hourly aggregates per source, kept 90 days. Portable SQL as in V1.
CREATE TABLE webhook_events (
  occurred_at      BIGINT        NOT NULL,
  kind             VARCHAR(16)   NOT NULL, -- request | delivery
  source           VARCHAR(256)  NOT NULL,
  event_type       VARCHAR(16)   NOT NULL, -- processed | error | retry | response_sent
  status           VARCHAR(16)   NOT NULL, -- success | failed
  processing_ms    DOUBLE PRECISION,
  response_status  INTEGER,
  error_type       VARCHAR(64),
  error_message    VARCHAR(2048),
  ip_address       VARCHAR(64),
  signature_valid  INTEGER
);

CREATE INDEX webhook_events_occurred ON webhook_events (occurred_at);

CREATE TABLE webhook_metrics (
  source                        VARCHAR(256)     NOT NULL,
  hour_start                    BIGINT           NOT NULL,
  requests_received             INTEGER          NOT NULL,
  requests_processed            INTEGER          NOT NULL,
  requests_failed               INTEGER          NOT NULL,
  avg_processing_time_ms        DOUBLE PRECISION,
  p95_processing_time_ms        DOUBLE PRECISION,
  p99_processing_time_ms        DOUBLE PRECISION,
  responses_sent                INTEGER          NOT NULL,
  signature_validation_failures INTEGER          NOT NULL,
  processing_errors             INTEGER          NOT NULL,
  PRIMARY KEY (source, hour_start)
);

CREATE INDEX webhook_metrics_hour ON webhook_metrics (hour_start);
