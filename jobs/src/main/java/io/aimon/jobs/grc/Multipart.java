package io.aimon.jobs.grc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body (RFC 7578): text fields, then one file part, each with its
 * {@code Content-Disposition}; the boundary is random per body.
 */
final class Multipart {
  private final String boundary = "aimon-" + UUID.randomUUID();
  private final Map<String, String> fields = new LinkedHashMap<>();
  private String fileField;
  private String fileName;
  private String fileType;
  private byte[] file;

  /** Adds a text field. */
  Multipart field(String name, String value) {
    fields.put(name, value);
    return this;
  }

  /** Sets the file part. */
  Multipart file(String name, String fileName, String contentType, byte[] bytes) {
    this.fileField = name;
    this.fileName = fileName;
    this.fileType = contentType;
    this.file = bytes;
    return this;
  }

  /** The {@code Content-Type} header value, with the boundary. */
  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /** The body. */
  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fields.forEach(
        (name, value) ->
            write(
                out,
                "--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + name
                    + "\"\r\n\r\n"
                    + value
                    + "\r\n"));
    if (file != null) {
      write(
          out,
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\""
              + fileField
              + "\"; filename=\""
              + fileName.replace("\"", "")
              + "\"\r\nContent-Type: "
              + fileType
              + "\r\n\r\n");
      out.writeBytes(file);
      write(out, "\r\n");
    }
    write(out, "--" + boundary + "--\r\n");
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
