package dev.jahiz.spring.boot.web;

/** Where a request's report entries go: the MDC of a servlet request's thread, or a WebFlux request's holder. */
interface MdcEntries {
  /** Adds an entry; a blank key or value is skipped. */
  void put(String key, String value);
}
