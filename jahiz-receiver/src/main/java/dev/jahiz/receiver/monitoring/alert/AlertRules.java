package dev.jahiz.receiver.monitoring.alert;

import dev.jahiz.receiver.monitoring.MonitoringSettings;
import dev.jahiz.receiver.monitoring.MonitoringStore;
import dev.jahiz.receiver.monitoring.RequestMonitor;
import dev.jahiz.receiver.monitoring.Tally;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The alert conditions, each judged over the last 15 minutes: a source's error rate over the threshold
 * (with enough requests to mean something), a source that went silent after a day of traffic, signature
 * failures over the limit, requests slower than the processing timeout, and Telegram refusing every
 * delivery for 15 minutes. Each finding carries the message for its start and for its recovery.
 */
public final class AlertRules {
  public static final Duration WINDOW = Duration.ofMinutes(15);
  private static final Duration ACTIVE_DAY = Duration.ofDays(1);
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final MonitoringStore store;
  private final MonitoringSettings settings;

  public AlertRules(MonitoringStore store, MonitoringSettings settings) {
    this.store = store;
    this.settings = settings;
  }

  /** A condition's state now, with both messages ready. */
  public record Finding(String key, boolean firing, Alert start, Alert recovery) {}

  /**
   * The state of every source at one moment: its last 15 minutes, its requests in the day before, and
   * every condition's finding.
   */
  public record Evaluation(Map<String, Tally> window, Map<String, Integer> dayBefore, List<Finding> findings) {
    public boolean firing(String key) {
      return findings.stream().anyMatch(f -> f.firing() && f.key().equals(key));
    }
  }

  /** Findings for every condition that fires now or fired before ({@code activeKeys}). */
  public Evaluation evaluate(Instant now, Collection<String> activeKeys) {
    Instant from = now.minus(WINDOW);
    // [from, now]: an event recorded at this very instant counts.
    Map<String, Tally> window = store.tally(from, now.plusMillis(1));
    Map<String, Integer> day = store.requestCounts(now.minus(ACTIVE_DAY), from);
    TreeSet<String> sources = new TreeSet<>(window.keySet());
    sources.addAll(day.keySet());
    for (String key : activeKeys) {
      int colon = key.indexOf(':');
      if (colon > 0) {
        sources.add(key.substring(colon + 1));
      }
    }
    String time = "Time: " + TIME.format(now);
    List<Finding> out = new ArrayList<>();
    for (String source : sources) {
      Tally t = window.getOrDefault(source, new Tally(source));
      out.add(errorRate(source, t, time));
      out.add(slow(source, t, time));
      // Unauthenticated senders and one-off test notifications going quiet is no news.
      if (!source.equals(RequestMonitor.UNKNOWN) && !source.equals(RequestMonitor.TEST)) {
        out.add(noTraffic(source, t, day.getOrDefault(source, 0), activeKeys, now, time));
      }
    }
    out.add(signatures(window.values(), time));
    out.add(telegram(now, window.values(), time));
    return new Evaluation(window, day, out);
  }

  private Finding errorRate(String source, Tally t, String time) {
    String key = "error_rate:" + source;
    boolean firing = t.requests() >= settings.minRequests() && t.errorRate() > settings.errorRateThreshold();
    String numbers = percent(t.errorRate()) + " error rate (" + t.failed() + "/" + t.requests() + " failed) in the"
        + " last 15 minutes";
    String rule = percent(settings.errorRateThreshold()) + " with at least " + settings.minRequests() + " requests";
    return new Finding(key, firing,
        new Alert(key, "⚠️ High webhook error rate: " + source,
            "Source \"" + source + "\" has " + numbers + ".\n"
                + "Errors: " + counts(t.errorsByType()) + "\n"
                + "Threshold: " + rule + "\n" + time, false),
        new Alert(key, "✅ Webhook error rate back to normal: " + source,
            "Source \"" + source + "\" has " + numbers + " (threshold: " + rule + ").\n" + time, true));
  }

  private Finding slow(String source, Tally t, String time) {
    String key = "slow:" + source;
    long limitMs = settings.processingTimeout().toMillis();
    int slow = t.slowerThan(limitMs);
    String slowest = t.maxMs() == null ? "none" : seconds(t.maxMs());
    return new Finding(key, slow > 0,
        new Alert(key, "🐢 Slow webhook processing: " + source,
            slow + " of " + t.requests() + " requests from \"" + source + "\" took longer than "
                + settings.processingTimeout().toSeconds() + " s (WEBHOOK_PROCESSING_TIMEOUT) in the last 15 minutes;"
                + " slowest " + slowest + ", p95 " + seconds(t.percentileMs(0.95)) + ".\n" + time, false),
        new Alert(key, "✅ Webhook processing back to normal: " + source,
            "No request from \"" + source + "\" took longer than " + settings.processingTimeout().toSeconds()
                + " s in the last 15 minutes (" + t.requests() + " requests, slowest " + slowest + ").\n" + time,
            true));
  }

  private Finding noTraffic(String source, Tally t, int lastDay, Collection<String> activeKeys, Instant now,
      String time) {
    String key = "no_traffic:" + source;
    // Once alerted, a source stays silent (no recovery) until it sends again, even after a day of silence.
    boolean firing = settings.watchesTrafficOf(source) && t.requests() == 0
        && (lastDay > 0 || activeKeys.contains(key));
    String last = store.lastRequest(source, now.plusMillis(1)).map(TIME::format).orElse("unknown");
    return new Finding(key, firing,
        new Alert(key, "🔇 No webhook traffic: " + source,
            "Source \"" + source + "\" sent no requests in the last 15 minutes; it sent " + lastDay
                + " in the 24 hours before, the last at " + last + ".\n"
                + "Check that the app is running and can reach the receiver"
                + " (switch off for this source with WEBHOOK_NO_TRAFFIC_IGNORE=" + source + ").\n" + time, false),
        new Alert(key, "✅ Webhook traffic resumed: " + source,
            "Source \"" + source + "\" sent " + t.requests() + " requests in the last 15 minutes.\n" + time, true));
  }

  private Finding signatures(Collection<Tally> window, String time) {
    String key = "signature_failures";
    int failures = 0;
    Map<String, Integer> addresses = new java.util.TreeMap<>();
    Map<String, Integer> sources = new java.util.TreeMap<>();
    Map<String, Integer> types = new java.util.TreeMap<>();
    for (Tally t : window) {
      failures += t.signatureFailures();
      if (t.signatureFailures() > 0) {
        sources.put(t.source(), t.signatureFailures());
      }
      t.signatureFailuresByAddress().forEach((a, n) -> addresses.merge(a, n, Integer::sum));
      t.errorsByType().forEach((type, n) -> {
        if (type.equals("InvalidSignature") || type.equals("StaleTimestamp")) {
          types.merge(type, n, Integer::sum);
        }
      });
    }
    int limit = settings.signatureFailureLimit();
    return new Finding(key, failures > limit,
        new Alert(key, "🔐 Security alert: " + failures + " signature validation failures in the last 15 minutes",
            failures + " write requests failed signature validation in the last 15 minutes (more than " + limit
                + ").\nFrom: " + counts(sorted(addresses)) + "\nSources: " + counts(sources) + "\nTypes: "
                + counts(types) + "\nA client with an old WEBHOOK_SECRET, a clock off by more than the replay"
                + " window, or someone probing the receiver.\n" + time, false),
        new Alert(key, "✅ Signature failures back to normal",
            failures + " signature validation failures in the last 15 minutes (limit " + limit + ").\n" + time,
            true));
  }

  private Finding telegram(Instant now, Collection<Tally> window, String time) {
    String key = "telegram";
    Optional<Instant> lastSuccess = store.lastDeliverySuccess();
    Optional<Instant> failingSince = store.firstDeliveryFailureAfter(lastSuccess.orElse(Instant.EPOCH));
    boolean firing = failingSince.isPresent() && !failingSince.get().isAfter(now.minus(WINDOW));
    int failed = window.stream().mapToInt(Tally::deliveriesFailed).sum();
    String since = failingSince.map(TIME::format).orElse("-");
    return new Finding(key, firing,
        new Alert(key, "📵 Telegram delivery failing",
            "No report reached Telegram since " + since + " (" + minutes(failingSince, now) + "): " + failed
                + " delivery attempts failed in the last 15 minutes; last success "
                + lastSuccess.map(TIME::format).orElse("never") + ".\nLast error: "
                + store.lastDeliveryError().orElse("unknown") + "\nReports are still stored and go out once"
                + " Telegram accepts them.\n" + time, false),
        new Alert(key, "✅ Telegram delivery works again",
            "Telegram confirmed a delivery at " + lastSuccess.map(TIME::format).orElse("-") + ".\n" + time, true));
  }

  static String minutes(Optional<Instant> since, Instant now) {
    return since.map(s -> Duration.between(s, now).toMinutes() + " minutes").orElse("-");
  }

  private static Map<String, Integer> sorted(Map<String, Integer> counts) {
    return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
            java.util.LinkedHashMap::new));
  }

  private static String counts(Map<String, Integer> counts) {
    if (counts.isEmpty()) {
      return "none";
    }
    return counts.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
        .collect(Collectors.joining(", "));
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }

  private static String seconds(Double ms) {
    return ms == null ? "-" : String.format(Locale.ROOT, "%.1f s", ms / 1000);
  }
}
