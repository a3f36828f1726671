package io.aimon.evidence.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How aimon writes a CSV cell, in the one place every CSV it writes goes through ({@code
 * records.csv} today): RFC 4180 (a field in double quotes when it holds a comma, quote, CR or LF,
 * quotes doubled; rows end with CRLF), and no cell that a spreadsheet would run as a formula.
 *
 * <p>A text cell starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a CR is a
 * formula to Excel, LibreOffice and Google Sheets ({@code =HYPERLINK(...)}, {@code +cmd|' /C
 * calc'!A0}, {@code @SUM(1+1)}); it is written with a leading {@code '}, the spreadsheet convention
 * for "this is text" (OWASP's rule for CSV injection). A number column's cell is written as it is,
 * a minus sign included, but only when it is a JSON number; anything else in it is text and
 * neutralised like any other.
 */
final class Csv {
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private Csv() {}

  /**
   * Writes one row: each field {@link #inert} (or as it is for a number in {@code numberColumns}),
   * quoted as RFC 4180 asks, then CRLF.
   *
   * @param numberColumns the 0-based indexes of the columns that hold numbers
   */
  static void row(Writer w, List<String> fields, Set<Integer> numberColumns) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        w.write(',');
      }
      String f = fields.get(i);
      boolean number = f != null && numberColumns.contains(i) && JSON_NUMBER.matcher(f).matches();
      w.write(field(number ? f : inert(f)));
    }
    w.write("\r\n");
  }

  /** Text that a spreadsheet would run as a formula, with a leading {@code '}; else as it is. */
  static String inert(String s) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    char c = s.charAt(0);
    boolean formula = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    return formula ? "'" + s : s;
  }

  /** One field: empty for null, quoted when it holds a comma, double quote, CR or LF. */
  static String field(String s) {
    if (s == null) {
      return "";
    }
    boolean quote = false;
    for (int i = 0; i < s.length() && !quote; i++) {
      char c = s.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
