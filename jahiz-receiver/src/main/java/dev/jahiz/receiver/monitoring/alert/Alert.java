package dev.jahiz.receiver.monitoring.alert;

/**
 * One message about a condition: its start or its recovery.
 *
 * @param key the condition and what it concerns ({@code error_rate:checkout-api}), one alert state each
 * @param title a subject line: what happened and to whom
 * @param body the numbers behind it, the window and the time
 */
public record Alert(String key, String title, String body, boolean recovery) {}
