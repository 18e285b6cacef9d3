package dev.jahiz.receiver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives by itself, before any route runs (a malformed {@code Content-Length}, a URI
 * or headers too long, an unknown HTTP version), in the receiver's JSON shape
 * {@code {"error": ..., "details": ...}} instead of an HTML page, and never with a stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {
  public JsonErrorHandler() {
    setShowStacks(false);
    setShowMessageInTitle(false);
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status, reason));
  }

  private static byte[] body(int code, String message) {
    String error = String.valueOf(HttpStatus.getMessage(code)).toLowerCase(Locale.ROOT);
    try {
      return Json.MAPPER.writeValueAsBytes(Json.object("error", error,
          "details", message == null || message.equalsIgnoreCase(error) ? null : message));
    } catch (JsonProcessingException e) {
      return ("{\"error\":\"" + code + "\",\"details\":null}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
  }
}
