package dev.jahiz.receiver.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs for ids that must be unique but need not be secret or ordered: request
 * ids (event ids are time-ordered, {@code dev.jahiz.report.EventIds}). {@code UUID.randomUUID()}
 * draws from one SecureRandom that every request thread queues for; these come from each thread's
 * own generator.
 */
public final class RandomIds {
  private RandomIds() {}

  public static String uuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long most = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
    return new UUID(most, least).toString();
  }
}
