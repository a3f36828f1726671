package io.aimon.jobs.grc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body read back (RFC 7578), for the in-process platforms: each
 * part's name, file name, content type and bytes. Malformed input is an {@link
 * IllegalArgumentException} saying what is wrong.
 */
public final class MultipartForm {
  /** One part. */
  public record Part(String name, String fileName, String contentType, byte[] data) {
    public String text() {
      return new String(data, StandardCharsets.UTF_8);
    }
  }

  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
  private static final Pattern FILE = Pattern.compile("\\bfilename=\"([^\"]*)\"");

  private MultipartForm() {}

  public static List<Part> parse(String contentType, byte[] body) {
    if (contentType == null || !contentType.startsWith("multipart/form-data")) {
      throw new IllegalArgumentException(
          "Content-Type: expected multipart/form-data, found " + contentType);
    }
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      throw new IllegalArgumentException("Content-Type: no boundary");
    }
    byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    if (at != 0) {
      throw new IllegalArgumentException("body: does not start with the boundary");
    }
    while (true) {
      int afterDelimiter = at + delimiter.length;
      if (afterDelimiter + 2 <= body.length
          && body[afterDelimiter] == '-'
          && body[afterDelimiter + 1] == '-') {
        return parts; // the closing delimiter
      }
      int headersStart = afterDelimiter + 2; // CRLF
      int headersEnd =
          indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      if (headersEnd < 0) {
        throw new IllegalArgumentException("part " + parts.size() + ": no end of headers");
      }
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      int next = indexOf(body, delimiter, headersEnd + 4);
      if (next < 0) {
        throw new IllegalArgumentException("part " + parts.size() + ": no closing boundary");
      }
      byte[] data = Arrays.copyOfRange(body, headersEnd + 4, next - 2); // minus CRLF
      String disposition = null;
      String type = null;
      for (String h : headers.split("\r\n")) {
        String lower = h.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("content-disposition:")) {
          disposition = h;
        } else if (lower.startsWith("content-type:")) {
          type = h.substring(h.indexOf(':') + 1).strip();
        }
      }
      if (disposition == null || !disposition.contains("form-data")) {
        throw new IllegalArgumentException(
            "part " + parts.size() + ": expected Content-Disposition: form-data");
      }
      Matcher n = NAME.matcher(disposition);
      if (!n.find()) {
        throw new IllegalArgumentException("part " + parts.size() + ": no name");
      }
      Matcher f = FILE.matcher(disposition);
      parts.add(new Part(n.group(1), f.find() ? f.group(1) : null, type, data));
      at = next;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
