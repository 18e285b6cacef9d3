package dev.jahiz.receiver.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Environment-style settings, read with the checks every setting needs: blank counts as unset, and a
 * bad value fails with a {@link ConfigException} that names the variable and what it must be.
 */
public final class Settings {
  private final Map<String, String> values;

  public Settings(Map<String, String> values) {
    this.values = values;
  }

  public Optional<String> optional(String name) {
    String v = values.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  public List<String> list(String name) {
    return optional(name).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(e -> !e.isEmpty())
        .collect(Collectors.toUnmodifiableList())).orElse(List.of());
  }

  public String text(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  public int integer(String name, int fallback, int min, int max) {
    Optional<String> v = optional(name);
    if (v.isEmpty()) {
      return fallback;
    }
    long parsed = parseLong(name, v.get());
    if (parsed < min || parsed > max) {
      throw new ConfigException(name + " must be between " + min + " and " + max + ", was " + v.get());
    }
    return (int) parsed;
  }

  public double decimal(String name, double fallback, double min, double max) {
    Optional<String> v = optional(name);
    if (v.isEmpty()) {
      return fallback;
    }
    double parsed;
    try {
      parsed = Double.parseDouble(v.get());
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a number, was '" + v.get() + "'");
    }
    if (!(parsed >= min && parsed <= max)) {
      throw new ConfigException(name + " must be between " + min + " and " + max + ", was " + v.get());
    }
    return parsed;
  }

  public long parseLong(String name, String v) {
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a whole number, was '" + v + "'");
    }
  }

  public boolean bool(String name, boolean fallback) {
    Optional<String> v = optional(name);
    if (v.isEmpty()) {
      return fallback;
    }
    switch (v.get().toLowerCase(Locale.ROOT)) {
      case "true": case "1": case "yes": case "on":
        return true;
      case "false": case "0": case "no": case "off":
        return false;
      default:
        throw new ConfigException(name + " must be true or false, was '" + v.get() + "'");
    }
  }

  public String oneOf(String name, String fallback, String... allowed) {
    String v = text(name, fallback).toUpperCase(Locale.ROOT);
    for (String a : allowed) {
      if (a.equals(v)) {
        return v;
      }
    }
    throw new ConfigException(name + " must be one of " + String.join(", ", allowed) + ", was '" + v + "'");
  }
}
