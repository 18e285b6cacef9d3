package dev.jahiz.report;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.Objects;

/** Who was affected: the seed's {@code user} object. */
@JsonAutoDetect(
    fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(builder = UserInfo.Builder.class)
public final class UserInfo {
  private final String userId;
  private final String username;
  private final String email;
  private final String sessionId;
  private final String ipAddress;

  private UserInfo(Builder b) {
    this.userId = b.userId;
    this.username = b.username;
    this.email = b.email;
    this.sessionId = b.sessionId;
    this.ipAddress = b.ipAddress;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().userId(userId).username(username).email(email).sessionId(sessionId).ipAddress(ipAddress);
  }

  public String userId() {
    return userId;
  }

  public String username() {
    return username;
  }

  public String email() {
    return email;
  }

  public String sessionId() {
    return sessionId;
  }

  public String ipAddress() {
    return ipAddress;
  }

  public boolean isEmpty() {
    return userId == null && username == null && email == null && sessionId == null && ipAddress == null;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof UserInfo)) {
      return false;
    }
    UserInfo that = (UserInfo) o;
    return Objects.equals(userId, that.userId)
        && Objects.equals(username, that.username)
        && Objects.equals(email, that.email)
        && Objects.equals(sessionId, that.sessionId)
        && Objects.equals(ipAddress, that.ipAddress);
  }

  @Override
  public int hashCode() {
    return Objects.hash(userId, username, email, sessionId, ipAddress);
  }

  @Override
  public String toString() {
    // Personal data stays out of toString(): it ends up in logs.
    return "UserInfo{userId=" + userId + "}";
  }

  @JsonPOJOBuilder(withPrefix = "")
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public static final class Builder {
    private String userId;
    private String username;
    private String email;
    private String sessionId;
    private String ipAddress;

    private Builder() {}

    public Builder userId(String userId) {
      this.userId = userId;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    public Builder email(String email) {
      this.email = email;
      return this;
    }

    public Builder sessionId(String sessionId) {
      this.sessionId = sessionId;
      return this;
    }

    public Builder ipAddress(String ipAddress) {
      this.ipAddress = ipAddress;
      return this;
    }

    public UserInfo build() {
      return new UserInfo(this);
    }
  }
}
