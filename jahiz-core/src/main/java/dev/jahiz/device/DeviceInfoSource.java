package dev.jahiz.device;

import dev.jahiz.report.DeviceInfo;

/** Where a report's {@code device} block comes from. Reads must be cheap: sources cache. */
@FunctionalInterface
public interface DeviceInfoSource {
  /** The latest known device info, or null when there is none; never throws. */
  DeviceInfo current();

  /** Leaves the device block out. */
  static DeviceInfoSource none() {
    return () -> null;
  }
}
