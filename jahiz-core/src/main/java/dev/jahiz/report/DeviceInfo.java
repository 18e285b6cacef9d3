package dev.jahiz.report;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.Objects;

/**
 * The machine that reported: the seed's {@code device} object, plus the JVM's version and uptime.
 * Usage figures are percentages from 0 to 100.
 */
@JsonAutoDetect(
    fieldVisibility = JsonAutoDetect.Visibility.ANY,
    getterVisibility = JsonAutoDetect.Visibility.NONE,
    isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(builder = DeviceInfo.Builder.class)
public final class DeviceInfo {
  private final String hostname;
  private final String os;
  private final String osVersion;
  private final String architecture;
  private final String ipAddress;
  private final Double cpuUsage;
  private final Double memoryUsage;
  private final Double diskUsage;
  private final String jvmVersion;
  private final Long uptimeSeconds;

  private DeviceInfo(Builder b) {
    this.hostname = b.hostname;
    this.os = b.os;
    this.osVersion = b.osVersion;
    this.architecture = b.architecture;
    this.ipAddress = b.ipAddress;
    this.cpuUsage = b.cpuUsage;
    this.memoryUsage = b.memoryUsage;
    this.diskUsage = b.diskUsage;
    this.jvmVersion = b.jvmVersion;
    this.uptimeSeconds = b.uptimeSeconds;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .hostname(hostname)
        .os(os)
        .osVersion(osVersion)
        .architecture(architecture)
        .ipAddress(ipAddress)
        .cpuUsage(cpuUsage)
        .memoryUsage(memoryUsage)
        .diskUsage(diskUsage)
        .jvmVersion(jvmVersion)
        .uptimeSeconds(uptimeSeconds);
  }

  public String hostname() {
    return hostname;
  }

  public String os() {
    return os;
  }

  public String osVersion() {
    return osVersion;
  }

  public String architecture() {
    return architecture;
  }

  public String ipAddress() {
    return ipAddress;
  }

  public Double cpuUsage() {
    return cpuUsage;
  }

  public Double memoryUsage() {
    return memoryUsage;
  }

  public Double diskUsage() {
    return diskUsage;
  }

  public String jvmVersion() {
    return jvmVersion;
  }

  public Long uptimeSeconds() {
    return uptimeSeconds;
  }

  public boolean isEmpty() {
    return hostname == null
        && os == null
        && osVersion == null
        && architecture == null
        && ipAddress == null
        && cpuUsage == null
        && memoryUsage == null
        && diskUsage == null
        && jvmVersion == null
        && uptimeSeconds == null;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DeviceInfo)) {
      return false;
    }
    DeviceInfo that = (DeviceInfo) o;
    return Objects.equals(hostname, that.hostname)
        && Objects.equals(os, that.os)
        && Objects.equals(osVersion, that.osVersion)
        && Objects.equals(architecture, that.architecture)
        && Objects.equals(ipAddress, that.ipAddress)
        && Objects.equals(cpuUsage, that.cpuUsage)
        && Objects.equals(memoryUsage, that.memoryUsage)
        && Objects.equals(diskUsage, that.diskUsage)
        && Objects.equals(jvmVersion, that.jvmVersion)
        && Objects.equals(uptimeSeconds, that.uptimeSeconds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hostname, os, osVersion, architecture, ipAddress, cpuUsage, memoryUsage, diskUsage,
        jvmVersion, uptimeSeconds);
  }

  @Override
  public String toString() {
    return "DeviceInfo{" + hostname + ", " + os + " " + osVersion + ", cpu=" + cpuUsage + "%, mem=" + memoryUsage
        + "%, disk=" + diskUsage + "%}";
  }

  @JsonPOJOBuilder(withPrefix = "")
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public static final class Builder {
    private String hostname;
    private String os;
    private String osVersion;
    private String architecture;
    private String ipAddress;
    private Double cpuUsage;
    private Double memoryUsage;
    private Double diskUsage;
    private String jvmVersion;
    private Long uptimeSeconds;

    private Builder() {}

    public Builder hostname(String hostname) {
      this.hostname = hostname;
      return this;
    }

    public Builder os(String os) {
      this.os = os;
      return this;
    }

    /** The seed's browser SDK sends {@code osVersion} (camelCase), holding the browser's user agent. */
    @JsonAlias("osVersion")
    public Builder osVersion(String osVersion) {
      this.osVersion = osVersion;
      return this;
    }

    public Builder architecture(String architecture) {
      this.architecture = architecture;
      return this;
    }

    public Builder ipAddress(String ipAddress) {
      this.ipAddress = ipAddress;
      return this;
    }

    public Builder cpuUsage(Double cpuUsage) {
      this.cpuUsage = cpuUsage;
      return this;
    }

    public Builder memoryUsage(Double memoryUsage) {
      this.memoryUsage = memoryUsage;
      return this;
    }

    public Builder diskUsage(Double diskUsage) {
      this.diskUsage = diskUsage;
      return this;
    }

    public Builder jvmVersion(String jvmVersion) {
      this.jvmVersion = jvmVersion;
      return this;
    }

    public Builder uptimeSeconds(Long uptimeSeconds) {
      this.uptimeSeconds = uptimeSeconds;
      return this;
    }

    public DeviceInfo build() {
      return new DeviceInfo(this);
    }
  }
}
