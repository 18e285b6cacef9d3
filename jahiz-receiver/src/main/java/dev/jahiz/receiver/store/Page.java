package dev.jahiz.receiver.store;

import java.util.List;

/** One page of results and how many there are in all. */
public record Page<T>(List<T> data, long total, int limit, int offset) {}
