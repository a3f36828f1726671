package io.aimon.evidence.export;

import java.util.Locale;

/** Escaping and small pieces of HTML for the report. */
final class Html {
  private Html() {}

  /** {@code s} with {@code & < > " '} escaped, for text and attribute values; "" for null. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            b.append(' ');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /** A table cell with escaped text. */
  static String td(String text) {
    return "<td>" + esc(text) + "</td>";
  }

  /** A right-aligned number cell. */
  static String num(long n) {
    return "<td class=\"num\">" + n + "</td>";
  }

  /** A header cell. */
  static String th(String text) {
    return "<th>" + esc(text) + "</th>";
  }

  /** A status word in a colored span: ok, warning, critical, insufficient_data, ... */
  static String status(String status) {
    String s = status == null ? "unknown" : status;
    return "<span class=\"status " + cssClass(s) + "\">" + esc(s) + "</span>";
  }

  /** {@code s} reduced to a CSS class name: lower case letters, digits and dashes. */
  static String cssClass(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  /**
   * A link to {@code url} when it is an absolute http(s) URL (a runbook), else the escaped text:
   * other schemes (javascript:, data:) never become links.
   */
  static String link(String url, String text) {
    if (url == null) {
      return "";
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if ((lower.startsWith("https://") || lower.startsWith("http://")) && url.indexOf(' ') < 0) {
      return "<a href=\"" + esc(url) + "\" rel=\"noopener noreferrer\">" + esc(text) + "</a>";
    }
    return esc(url);
  }
}
