package io.aimon.evidence.export;

import io.aimon.evidence.Crosswalk;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code records.csv}: one row per selected record, RFC 4180 (a header row, CRLF line ends, a field
 * in double quotes when it holds a comma, quote, CR or LF, quotes doubled).
 *
 * <p>Columns: {@link #COLUMNS}. {@code time}, {@code window_start}, {@code window_end} are ISO-8601
 * UTC; {@code clauses} and {@code controls} are joined with {@code ;}; numbers are as archived;
 * empty means the record does not say. See {@link ExportRecord} for what each kind fills in.
 *
 * <p>A {@code corrective_action} row has the incident id, its event ({@code action_recorded},
 * {@code effectiveness_verified}, {@code effectiveness_failed}, {@code grade_changed}, {@code
 * grade_overridden}) in {@code event_type}, its summary, and the columns after {@code hash}: the
 * operator's action type, actor, text and action id, the grade and its reason, the effectiveness
 * verdict. Those columns came later than the others, so they follow {@code hash}: existing columns
 * keep their positions.
 *
 * <p>A {@code notification} row (ISO/IEC 42001 A.8.4: an incident event delivered to a notifier, or
 * not) has the incident id, the delivered event's CloudEvent type ({@code
 * io.aimon.incident.opened}, ...) in {@code event_type}, the severity, its summary, and in the last
 * columns, added after the corrective-action ones, the notifier, the outcome ({@code delivered},
 * {@code failed_permanent}, {@code failed_exhausted}, {@code dropped}) and the attempts made. The
 * last HTTP status and error are in the record in {@code records.jsonl}.
 *
 * <p>The last two columns, {@code eu_ai_act} and {@code nist_ai_rmf}, are the EU AI Act articles
 * and NIST AI RMF subcategories the record's kind serves ({@link Crosswalk}), joined with {@code
 * ;}.
 *
 * <p>Text a producer or an operator wrote (a group value, an actor, a note) can start with {@code
 * =}, {@code +}, {@code -}, {@code @}, a tab or a CR, which a spreadsheet would run as a formula.
 * Such a text cell is written with a leading {@code '} ({@link Csv}, the one writer of CSV cells),
 * so opening the bundle never executes anything; the number columns ({@link #NUMBER_COLUMNS}) are
 * written as archived when they hold a number. {@code records.jsonl} keeps every value exactly.
 */
final class RecordsCsv {
  /** The header row. */
  static final List<String> COLUMNS =
      List.of(
          "model_id",
          "seq",
          "kind",
          "time",
          "window_start",
          "window_end",
          "clauses",
          "controls",
          "metric",
          "feature",
          "attribute",
          "group",
          "value",
          "threshold",
          "status",
          "n",
          "incident_id",
          "event_type",
          "severity",
          "summary",
          "hash",
          "action_type",
          "actor",
          "grade",
          "effectiveness",
          "text",
          "reason",
          "action_id",
          "notifier",
          "outcome",
          "attempts",
          "eu_ai_act",
          "nist_ai_rmf",
          "version");

  /** The columns that hold numbers as archived, written as they are (a minus sign included). */
  static final Set<String> NUMBER_COLUMNS = Set.of("seq", "value", "threshold", "n", "attempts");

  private static final Set<Integer> NUMBER_INDEXES =
      NUMBER_COLUMNS.stream().map(COLUMNS::indexOf).collect(Collectors.toUnmodifiableSet());

  private RecordsCsv() {}

  static void writeHeader(Writer w) throws IOException {
    row(w, COLUMNS);
  }

  static void write(Writer w, ExportRecord r) throws IOException {
    CorrectiveEvent a = r.action();
    Notification d = r.notification();
    row(
        w,
        Arrays.asList(
            r.modelId(),
            Long.toString(r.seq()),
            r.kind().code(),
            Fmt.iso(r.time()),
            r.windowStart() == null ? null : Fmt.iso(r.windowStart()),
            r.windowEnd() == null ? null : Fmt.iso(r.windowEnd()),
            String.join(";", r.clauses()),
            String.join(";", r.controls()),
            r.metric(),
            r.feature(),
            r.attribute(),
            r.group(),
            r.value(),
            r.threshold(),
            r.status(),
            r.n(),
            r.incidentId(),
            r.eventType(),
            r.severity(),
            r.summary(),
            r.hash(),
            a == null ? null : a.actionType(),
            a == null ? null : a.actor(),
            a == null ? null : a.grade(),
            a == null ? null : a.effectiveness(),
            a == null ? null : a.text(),
            a == null ? null : a.reason(),
            a == null ? null : a.actionId(),
            d == null ? null : d.notifier(),
            d == null ? null : d.outcome(),
            d == null || d.attempts() == null ? null : Long.toString(d.attempts()),
            String.join(";", Crosswalk.ids(r.kind(), Crosswalk.Framework.EU_AI_ACT)),
            String.join(";", Crosswalk.ids(r.kind(), Crosswalk.Framework.NIST_AI_RMF)),
            r.version()));
  }

  private static void row(Writer w, List<String> fields) throws IOException {
    Csv.row(w, fields, NUMBER_INDEXES);
  }
}
