package dev.jahiz.spring.boot.web;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;

/**
 * The exchange as the rest of the chain sees it, with the same attributes, except that the route
 * pattern ({@code /owners/{ownerId}}) joins the request's entries the moment WebFlux's handler
 * mapping records it. WebFlux has no interceptor between choosing a handler and calling it, and a
 * controller that logs right away does so on that same thread, with no Reactor hand-over in between
 * that would refresh the MDC: the attribute being set is the one moment the route becomes known.
 */
final class RouteRecordingExchange extends ServerWebExchangeDecorator {
  private final Map<String, Object> attributes;

  RouteRecordingExchange(ServerWebExchange exchange, ExchangeMdc mdc) {
    super(exchange);
    this.attributes = new RouteRecordingAttributes(exchange.getAttributes(), mdc);
  }

  @Override
  public Map<String, Object> getAttributes() {
    return attributes;
  }

  /** The exchange's own attribute map, written through. */
  private static final class RouteRecordingAttributes implements Map<String, Object> {
    private final Map<String, Object> map;
    private final ExchangeMdc mdc;

    RouteRecordingAttributes(Map<String, Object> map, ExchangeMdc mdc) {
      this.map = map;
      this.mdc = mdc;
    }

    private Object seen(String key, Object value) {
      if (value != null && HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE.equals(key)) {
        mdc.put(ReportKeys.ROUTE, value.toString()); // PathPattern's text is the pattern as written
      }
      return value;
    }

    @Override
    public Object put(String key, Object value) {
      return map.put(key, seen(key, value));
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
      return map.putIfAbsent(key, seen(key, value));
    }

    @Override
    public void putAll(Map<? extends String, ?> m) {
      m.forEach(this::put);
    }

    @Override
    public Object computeIfAbsent(String key, Function<? super String, ? extends Object> mapping) {
      return map.computeIfAbsent(key, k -> seen(k, mapping.apply(k)));
    }

    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ? extends Object> remapping) {
      return map.compute(key, (k, v) -> seen(k, remapping.apply(k, v)));
    }

    @Override
    public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ? extends Object> remapping) {
      return map.computeIfPresent(key, (k, v) -> seen(k, remapping.apply(k, v)));
    }

    @Override
    public Object merge(String key, Object value,
        BiFunction<? super Object, ? super Object, ? extends Object> remapping) {
      return map.merge(key, seen(key, value), (a, b) -> seen(key, remapping.apply(a, b)));
    }

    @Override
    public int size() {
      return map.size();
    }

    @Override
    public boolean isEmpty() {
      return map.isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
      return map.containsValue(value);
    }

    @Override
    public Object get(Object key) {
      return map.get(key);
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
      return map.getOrDefault(key, defaultValue);
    }

    @Override
    public Object remove(Object key) {
      return map.remove(key);
    }

    @Override
    public void clear() {
      map.clear();
    }

    @Override
    public Set<String> keySet() {
      return map.keySet();
    }

    @Override
    public Collection<Object> values() {
      return map.values();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return map.entrySet();
    }

    @Override
    public boolean equals(Object o) {
      return map.equals(o);
    }

    @Override
    public int hashCode() {
      return map.hashCode();
    }

    @Override
    public String toString() {
      return map.toString();
    }
  }
}
