package dev.jahiz.receiver.monitoring;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one source's events of a time span add up to: the counts, rates and percentiles that hourly
 * aggregates, health endpoints and alerts are made of. Not thread-safe; built by one reader.
 */
public final class Tally {
  private final String source;
  private int requests;
  private int processed;
  private int failed;
  private int retried;
  private int signatureFailures;
  private int processingErrors;
  private int responsesSent;
  private int deliveriesFailed;
  private final Map<String, Integer> errorsByType = new TreeMap<>();
  private final Map<String, Integer> signatureFailuresByAddress = new TreeMap<>();
  private double[] times = new double[16];
  private int timeCount;
  private double timeSum;
  private boolean sorted = true;
  private Instant lastRequestAt;

  public Tally(String source) {
    this.source = source;
  }

  public void add(WebhookEvent e) {
    if (e.kind() == WebhookEvent.Kind.DELIVERY) {
      if (e.success()) {
        responsesSent++;
      } else {
        deliveriesFailed++;
      }
      return;
    }
    requests++;
    if (e.success()) {
      processed++;
    } else {
      failed++;
    }
    if (WebhookEvent.RETRY.equals(e.type())) {
      retried++;
    }
    if (e.errorType() != null) {
      errorsByType.merge(e.errorType(), 1, Integer::sum);
    }
    if (e.isSignatureFailure()) {
      signatureFailures++;
      signatureFailuresByAddress.merge(e.ipAddress() == null ? "unknown" : e.ipAddress(), 1, Integer::sum);
    }
    if (e.isProcessingError()) {
      processingErrors++;
    }
    if (e.processingMs() != null) {
      if (timeCount == times.length) {
        times = Arrays.copyOf(times, times.length * 2);
      }
      times[timeCount++] = e.processingMs();
      timeSum += e.processingMs();
      sorted = false;
    }
    if (lastRequestAt == null || e.at().isAfter(lastRequestAt)) {
      lastRequestAt = e.at();
    }
  }

  public String source() {
    return source;
  }

  public int requests() {
    return requests;
  }

  public int processed() {
    return processed;
  }

  public int failed() {
    return failed;
  }

  public int signatureFailures() {
    return signatureFailures;
  }

  public int processingErrors() {
    return processingErrors;
  }

  public int responsesSent() {
    return responsesSent;
  }

  public int deliveriesFailed() {
    return deliveriesFailed;
  }

  public Map<String, Integer> errorsByType() {
    return errorsByType;
  }

  /** Signature failures per client address, most first. */
  public Map<String, Integer> signatureFailuresByAddress() {
    Map<String, Integer> out = new LinkedHashMap<>();
    signatureFailuresByAddress.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(en -> out.put(en.getKey(), en.getValue()));
    return out;
  }

  public Instant lastRequestAt() {
    return lastRequestAt;
  }

  /** Failed requests over all requests; 0 without requests. */
  public double errorRate() {
    return requests == 0 ? 0 : (double) failed / requests;
  }

  public Double averageMs() {
    return timeCount == 0 ? null : timeSum / timeCount;
  }

  /** The nearest-rank percentile (the smallest time at least {@code p} of requests took no longer than). */
  public Double percentileMs(double p) {
    if (timeCount == 0) {
      return null;
    }
    sort();
    int rank = (int) Math.ceil(p * timeCount);
    return times[Math.max(0, Math.min(timeCount, rank) - 1)];
  }

  public Double maxMs() {
    if (timeCount == 0) {
      return null;
    }
    sort();
    return times[timeCount - 1];
  }

  /** Requests that took longer than {@code ms}. */
  public int slowerThan(double ms) {
    int n = 0;
    for (int i = 0; i < timeCount; i++) {
      if (times[i] > ms) {
        n++;
      }
    }
    return n;
  }

  private void sort() {
    if (!sorted) {
      Arrays.sort(times, 0, timeCount);
      sorted = true;
    }
  }

  /** The seed's field names, plus the breakdown an operator looks at next. */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("requests_received", requests);
    out.put("requests_processed", processed);
    out.put("requests_failed", failed);
    out.put("error_rate", Percent.of(errorRate()));
    out.put("avg_processing_time_ms", round(averageMs()));
    out.put("p95_processing_time_ms", round(percentileMs(0.95)));
    out.put("p99_processing_time_ms", round(percentileMs(0.99)));
    out.put("max_processing_time_ms", round(maxMs()));
    out.put("signature_validation_failures", signatureFailures);
    out.put("processing_errors", processingErrors);
    out.put("responses_sent", responsesSent);
    out.put("responses_failed", deliveriesFailed);
    out.put("duplicates", retried);
    out.put("errors_by_type", errorsByType);
    out.put("last_event_at", lastRequestAt == null ? null : lastRequestAt.toString());
    return out;
  }

  static Double round(Double ms) {
    return ms == null ? null : Math.round(ms * 100) / 100.0;
  }
}
