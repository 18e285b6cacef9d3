package dev.jahiz.report;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.Map;
import java.util.Objects;

/** The request being served when the error happened: the seed's {@code context} object. */
@JsonAutoDetect(
    fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonDeserialize(builder = RequestContext.Builder.class)
public final class RequestContext {
  private final String requestUrl;
  private final String requestMethod;
  private final Integer responseStatus;
  private final Map<String, String> requestHeaders;
  private final String requestBody;
  private final String responseBody;
  private final Map<String, String> queryParams;

  private RequestContext(Builder b) {
    this.requestUrl = b.requestUrl;
    this.requestMethod = b.requestMethod;
    this.responseStatus = b.responseStatus;
    this.requestHeaders = Maps.immutableCopy(b.requestHeaders);
    this.requestBody = b.requestBody;
    this.responseBody = b.responseBody;
    this.queryParams = Maps.immutableCopy(b.queryParams);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .requestUrl(requestUrl)
        .requestMethod(requestMethod)
        .responseStatus(responseStatus)
        .requestHeaders(requestHeaders)
        .requestBody(requestBody)
        .responseBody(responseBody)
        .queryParams(queryParams);
  }

  public String requestUrl() {
    return requestUrl;
  }

  public String requestMethod() {
    return requestMethod;
  }

  public Integer responseStatus() {
    return responseStatus;
  }

  public Map<String, String> requestHeaders() {
    return requestHeaders;
  }

  public String requestBody() {
    return requestBody;
  }

  /** What the failing request was answered with (the seed's {@code context.response_body}). */
  public String responseBody() {
    return responseBody;
  }

  public Map<String, String> queryParams() {
    return queryParams;
  }

  /** True when no field is set, so the object can be left off the wire. */
  public boolean isEmpty() {
    return requestUrl == null
        && requestMethod == null
        && responseStatus == null
        && requestHeaders.isEmpty()
        && requestBody == null
        && responseBody == null
        && queryParams.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RequestContext)) {
      return false;
    }
    RequestContext that = (RequestContext) o;
    return Objects.equals(requestUrl, that.requestUrl)
        && Objects.equals(requestMethod, that.requestMethod)
        && Objects.equals(responseStatus, that.responseStatus)
        && requestHeaders.equals(that.requestHeaders)
        && Objects.equals(requestBody, that.requestBody)
        && Objects.equals(responseBody, that.responseBody)
        && queryParams.equals(that.queryParams);
  }

  @Override
  public int hashCode() {
    return Objects.hash(requestUrl, requestMethod, responseStatus, requestHeaders, requestBody, responseBody,
        queryParams);
  }

  @Override
  public String toString() {
    return "RequestContext{" + requestMethod + " " + requestUrl + " -> " + responseStatus + "}";
  }

  @JsonPOJOBuilder(withPrefix = "")
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public static final class Builder {
    private String requestUrl;
    private String requestMethod;
    private Integer responseStatus;
    private Map<String, String> requestHeaders;
    private String requestBody;
    private String responseBody;
    private Map<String, String> queryParams;

    private Builder() {}

    public Builder requestUrl(String requestUrl) {
      this.requestUrl = requestUrl;
      return this;
    }

    public Builder requestMethod(String requestMethod) {
      this.requestMethod = requestMethod;
      return this;
    }

    public Builder responseStatus(Integer responseStatus) {
      this.responseStatus = responseStatus;
      return this;
    }

    public Builder requestHeaders(Map<String, String> requestHeaders) {
      this.requestHeaders = requestHeaders;
      return this;
    }

    public Builder requestBody(String requestBody) {
      this.requestBody = requestBody;
      return this;
    }

    public Builder responseBody(String responseBody) {
      this.responseBody = responseBody;
      return this;
    }

    public Builder queryParams(Map<String, String> queryParams) {
      this.queryParams = queryParams;
      return this;
    }

    public RequestContext build() {
      return new RequestContext(this);
    }
  }
}
