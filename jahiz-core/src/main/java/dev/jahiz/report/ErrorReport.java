package dev.jahiz.report;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.jahiz.classify.ErrorClass;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One error, as it travels on the wire: field for field the error payload of the Jahiz webhook
 * (snake_case JSON, every field but {@code error_message} optional), plus optional additions that
 * older clients and servers can ignore: {@code event_id}, {@code log_message}, {@code logger},
 * {@code thread}, {@code occurrences}, {@code first_seen}, {@code sdk}, {@code dropped_since_last},
 * {@code error_class}, {@code source}, {@code title}, {@code link} and {@code from_previous_run}.
 *
 * <p>Instances are immutable. Absent nested objects ({@link #context()}, {@link #user()},
 * {@link #device()}) are {@code null}; absent maps are empty.
 */
@JsonAutoDetect(
    fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"event_id", "error_message", "severity", "error_type", "error_code", "stacktrace"})
@JsonDeserialize(builder = ErrorReport.Builder.class)
public final class ErrorReport {
  private final String eventId;
  private final String errorMessage;
  private final String logMessage;
  private final Severity severity;
  private final String errorType;
  private final String errorCode;
  private final String stacktrace;
  private final String fileName;
  private final Integer lineNumber;
  private final String functionName;
  private final String appName;
  private final String appVersion;
  private final String environment;
  private final String serviceName;
  private final String component;
  private final String logger;
  private final String thread;
  private final RequestContext context;
  private final UserInfo user;
  private final DeviceInfo device;
  private final Map<String, String> tags;
  private final Map<String, Object> metadata;
  private final String fingerprint;

  @JsonSerialize(using = IsoInstant.Serializer.class)
  private final Instant timestamp;

  private final Long occurrences;

  @JsonSerialize(using = IsoInstant.Serializer.class)
  private final Instant firstSeen;

  private final String sdk;
  private final Integer droppedSinceLast;
  private final ErrorClass errorClass;
  private final String source;
  private final String title;
  private final String link;
  private final Boolean fromPreviousRun;

  private ErrorReport(Builder b) {
    this.eventId = b.eventId;
    this.errorMessage = b.errorMessage;
    this.logMessage = b.logMessage;
    this.severity = b.severity == null ? Severity.ERROR : b.severity;
    this.errorType = b.errorType;
    this.errorCode = b.errorCode;
    this.stacktrace = b.stacktrace;
    this.fileName = b.fileName;
    this.lineNumber = b.lineNumber;
    this.functionName = b.functionName;
    this.appName = b.appName;
    this.appVersion = b.appVersion;
    this.environment = b.environment;
    this.serviceName = b.serviceName;
    this.component = b.component;
    this.logger = b.logger;
    this.thread = b.thread;
    this.context = b.context == null || b.context.isEmpty() ? null : b.context;
    this.user = b.user == null || b.user.isEmpty() ? null : b.user;
    this.device = b.device == null || b.device.isEmpty() ? null : b.device;
    this.tags = Maps.immutableCopy(b.tags);
    this.metadata = Maps.immutableCopy(b.metadata);
    this.fingerprint = b.fingerprint;
    this.timestamp = b.timestamp == null ? Instant.now() : b.timestamp;
    this.occurrences = b.occurrences;
    this.firstSeen = b.firstSeen;
    this.sdk = b.sdk;
    this.droppedSinceLast = b.droppedSinceLast;
    this.errorClass = b.errorClass;
    this.source = b.source;
    this.title = b.title;
    this.link = b.link;
    this.fromPreviousRun = Boolean.TRUE.equals(b.fromPreviousRun) ? Boolean.TRUE : null;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Shorthand for a report with just a message, the only required field. */
  public static ErrorReport of(String errorMessage) {
    return builder().errorMessage(errorMessage).build();
  }

  public Builder toBuilder() {
    return new Builder()
        .eventId(eventId)
        .errorMessage(errorMessage)
        .logMessage(logMessage)
        .severity(severity)
        .errorType(errorType)
        .errorCode(errorCode)
        .stacktrace(stacktrace)
        .fileName(fileName)
        .lineNumber(lineNumber)
        .functionName(functionName)
        .appName(appName)
        .appVersion(appVersion)
        .environment(environment)
        .serviceName(serviceName)
        .component(component)
        .logger(logger)
        .thread(thread)
        .context(context)
        .user(user)
        .device(device)
        .tags(tags)
        .metadata(metadata)
        .fingerprint(fingerprint)
        .timestamp(timestamp)
        .occurrences(occurrences)
        .firstSeen(firstSeen)
        .sdk(sdk)
        .droppedSinceLast(droppedSinceLast)
        .errorClass(errorClass)
        .source(source)
        .title(title)
        .link(link)
        .fromPreviousRun(fromPreviousRun);
  }

  /** A client-made UUID; receivers use it to store and deliver a retried report once. */
  public String eventId() {
    return eventId;
  }

  public String errorMessage() {
    return errorMessage;
  }

  /**
   * The text that was logged, when the headline ({@link #errorMessage()}) was taken from the
   * exception instead: a framework's generic wrapper such as Tomcat's "Servlet.service() for
   * servlet [dispatcherServlet] … threw exception". Null when the logged text is the headline.
   */
  public String logMessage() {
    return logMessage;
  }

  public Severity severity() {
    return severity;
  }

  public String errorType() {
    return errorType;
  }

  public String errorCode() {
    return errorCode;
  }

  public String stacktrace() {
    return stacktrace;
  }

  public String fileName() {
    return fileName;
  }

  public Integer lineNumber() {
    return lineNumber;
  }

  public String functionName() {
    return functionName;
  }

  public String appName() {
    return appName;
  }

  public String appVersion() {
    return appVersion;
  }

  public String environment() {
    return environment;
  }

  public String serviceName() {
    return serviceName;
  }

  public String component() {
    return component;
  }

  /** The name of the logger that logged the event, for reports made from a logging framework. */
  public String logger() {
    return logger;
  }

  /** The name of the thread that logged the event. */
  public String thread() {
    return thread;
  }

  public RequestContext context() {
    return context;
  }

  public UserInfo user() {
    return user;
  }

  public DeviceInfo device() {
    return device;
  }

  public Map<String, String> tags() {
    return tags;
  }

  public Map<String, Object> metadata() {
    return metadata;
  }

  /** The explicit grouping key, when the sender gave one. See {@code Fingerprints} for the derived one. */
  public String fingerprint() {
    return fingerprint;
  }

  public Instant timestamp() {
    return timestamp;
  }

  /** How many times this failure happened in the window this report stands for; 1 when absent. */
  public long occurrences() {
    return occurrences == null ? 1 : occurrences;
  }

  /** When the first of {@link #occurrences()} happened; {@code null} for a single occurrence. */
  public Instant firstSeen() {
    return firstSeen;
  }

  /** The name and version of the client library that made the report. */
  public String sdk() {
    return sdk;
  }

  /**
   * How many reports the sending client had to drop (queue full, rate limits) since it last
   * delivered one; 0 when absent. Shown as a digest line so that nothing is lost silently.
   */
  public int droppedSinceLast() {
    return droppedSinceLast == null ? 0 : droppedSinceLast;
  }

  /**
   * What kind of failure this is ({@link dev.jahiz.classify.ErrorClassifier} decides it); null when
   * the sender did not say, and receivers then classify it themselves.
   */
  public ErrorClass errorClass() {
    return errorClass;
  }

  /** Where the report came from when not from the failing app itself, e.g. {@code sentry}; null otherwise. */
  public String source() {
    return source;
  }

  /** A headline above the error, e.g. the alert rule that fired; null for most reports. */
  public String title() {
    return title;
  }

  /** An http(s) page about this error (the Sentry issue, a dashboard), shown as a link; null when none. */
  public String link() {
    return link;
  }

  /**
   * True for a report its client could not deliver before it stopped (or was killed) and sent
   * from its spool at the next start: late, and worth saying so.
   */
  public boolean fromPreviousRun() {
    return fromPreviousRun != null;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ErrorReport)) {
      return false;
    }
    ErrorReport that = (ErrorReport) o;
    return Objects.equals(eventId, that.eventId)
        && Objects.equals(errorMessage, that.errorMessage)
        && Objects.equals(logMessage, that.logMessage)
        && severity == that.severity
        && Objects.equals(errorType, that.errorType)
        && Objects.equals(errorCode, that.errorCode)
        && Objects.equals(stacktrace, that.stacktrace)
        && Objects.equals(fileName, that.fileName)
        && Objects.equals(lineNumber, that.lineNumber)
        && Objects.equals(functionName, that.functionName)
        && Objects.equals(appName, that.appName)
        && Objects.equals(appVersion, that.appVersion)
        && Objects.equals(environment, that.environment)
        && Objects.equals(serviceName, that.serviceName)
        && Objects.equals(component, that.component)
        && Objects.equals(logger, that.logger)
        && Objects.equals(thread, that.thread)
        && Objects.equals(context, that.context)
        && Objects.equals(user, that.user)
        && Objects.equals(device, that.device)
        && tags.equals(that.tags)
        && metadata.equals(that.metadata)
        && Objects.equals(fingerprint, that.fingerprint)
        && timestamp.equals(that.timestamp)
        && Objects.equals(occurrences, that.occurrences)
        && Objects.equals(firstSeen, that.firstSeen)
        && Objects.equals(sdk, that.sdk)
        && Objects.equals(droppedSinceLast, that.droppedSinceLast)
        && errorClass == that.errorClass
        && Objects.equals(source, that.source)
        && Objects.equals(title, that.title)
        && Objects.equals(link, that.link)
        && Objects.equals(fromPreviousRun, that.fromPreviousRun);
  }

  @Override
  public int hashCode() {
    return Objects.hash(eventId, errorMessage, severity, errorType, fingerprint, timestamp);
  }

  @Override
  public String toString() {
    return "ErrorReport{" + severity.wireName() + ", " + (errorType == null ? "" : errorType + ": ")
        + abbreviate(errorMessage) + (eventId == null ? "" : ", event_id=" + eventId) + "}";
  }

  private static String abbreviate(String s) {
    return s == null || s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  @JsonPOJOBuilder(withPrefix = "")
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static final class Builder {
    private String eventId;
    private String errorMessage;
    private String logMessage;
    private Severity severity;
    private String errorType;
    private String errorCode;
    private String stacktrace;
    private String fileName;
    private Integer lineNumber;
    private String functionName;
    private String appName;
    private String appVersion;
    private String environment;
    private String serviceName;
    private String component;
    private String logger;
    private String thread;
    private RequestContext context;
    private UserInfo user;
    private DeviceInfo device;
    private Map<String, String> tags;
    private Map<String, Object> metadata;
    private String fingerprint;
    private Instant timestamp;
    private Long occurrences;
    private Instant firstSeen;
    private String sdk;
    private Boolean fromPreviousRun;
    private Integer droppedSinceLast;
    private ErrorClass errorClass;
    private String source;
    private String title;
    private String link;

    private Builder() {}

    public Builder eventId(String eventId) {
      this.eventId = eventId;
      return this;
    }

    public Builder errorMessage(String errorMessage) {
      this.errorMessage = errorMessage;
      return this;
    }

    public Builder logMessage(String logMessage) {
      this.logMessage = logMessage;
      return this;
    }

    /** Defaults to {@link Severity#ERROR}. */
    public Builder severity(Severity severity) {
      this.severity = severity;
      return this;
    }

    public Builder errorType(String errorType) {
      this.errorType = errorType;
      return this;
    }

    public Builder errorCode(String errorCode) {
      this.errorCode = errorCode;
      return this;
    }

    public Builder stacktrace(String stacktrace) {
      this.stacktrace = stacktrace;
      return this;
    }

    public Builder fileName(String fileName) {
      this.fileName = fileName;
      return this;
    }

    public Builder lineNumber(Integer lineNumber) {
      this.lineNumber = lineNumber;
      return this;
    }

    public Builder functionName(String functionName) {
      this.functionName = functionName;
      return this;
    }

    public Builder appName(String appName) {
      this.appName = appName;
      return this;
    }

    public Builder appVersion(String appVersion) {
      this.appVersion = appVersion;
      return this;
    }

    public Builder environment(String environment) {
      this.environment = environment;
      return this;
    }

    public Builder serviceName(String serviceName) {
      this.serviceName = serviceName;
      return this;
    }

    public Builder component(String component) {
      this.component = component;
      return this;
    }

    public Builder logger(String logger) {
      this.logger = logger;
      return this;
    }

    public Builder thread(String thread) {
      this.thread = thread;
      return this;
    }

    public Builder context(RequestContext context) {
      this.context = context;
      return this;
    }

    public Builder user(UserInfo user) {
      this.user = user;
      return this;
    }

    public Builder device(DeviceInfo device) {
      this.device = device;
      return this;
    }

    /** Copied; later changes to the given map do not show in the report. */
    public Builder tags(Map<String, String> tags) {
      this.tags = tags;
      return this;
    }

    /** Copied shallowly; values should be JSON-friendly (strings, numbers, booleans, lists, maps). */
    public Builder metadata(Map<String, Object> metadata) {
      this.metadata = metadata;
      return this;
    }

    public Builder fingerprint(String fingerprint) {
      this.fingerprint = fingerprint;
      return this;
    }

    /** Defaults to the moment {@link #build()} is called. */
    @JsonDeserialize(using = IsoInstant.Deserializer.class)
    public Builder timestamp(Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    /** 64-bit: a digest folds reports that each stand for up to 2^31 - 1 or more occurrences. */
    public Builder occurrences(Long occurrences) {
      this.occurrences = occurrences;
      return this;
    }

    @JsonDeserialize(using = IsoInstant.Deserializer.class)
    public Builder firstSeen(Instant firstSeen) {
      this.firstSeen = firstSeen;
      return this;
    }

    public Builder sdk(String sdk) {
      this.sdk = sdk;
      return this;
    }

    public Builder droppedSinceLast(Integer droppedSinceLast) {
      this.droppedSinceLast = droppedSinceLast;
      return this;
    }

    public Builder errorClass(ErrorClass errorClass) {
      this.errorClass = errorClass;
      return this;
    }

    public Builder source(String source) {
      this.source = source;
      return this;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder link(String link) {
      this.link = link;
      return this;
    }

    public Builder fromPreviousRun(Boolean fromPreviousRun) {
      this.fromPreviousRun = fromPreviousRun;
      return this;
    }

    public ErrorReport build() {
      return new ErrorReport(this);
    }
  }
}
