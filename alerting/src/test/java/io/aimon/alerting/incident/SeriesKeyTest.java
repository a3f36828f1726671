package io.aimon.alerting.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.aimon.alerting.AlertFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeriesKeyTest {

  @ParameterizedTest(name = "{5}")
  @CsvSource({
    "credit-risk, psi, income, , , credit-risk/psi/feature=income",
    "credit-risk, accuracy, , , , credit-risk/accuracy",
    "m, demographic_parity_difference, , sex, , m/demographic_parity_difference/attribute=sex",
    "m, tpr, , race|sex, White|Male, m/tpr/attribute=race|sex/group=White|Male",
    "m, psi, a/b%c, , , m/psi/feature=a%2Fb%25c",
    "m, psi, %2F, , , m/psi/feature=%252F",
    "m, psi, group=x, , , m/psi/feature=group=x",
    "m, psi, '', , , m/psi/feature=",
  })
  void stringFormIsStableAndParsesBack(
      String model, String metric, String feature, String attribute, String group, String text) {
    SeriesKey key = new SeriesKey(model, metric, feature, attribute, group);

    assertEquals(text, key.asString());
    assertEquals(key, SeriesKey.parse(text));
  }

  @Test
  void aSeriesOfOneVersionNamesItAfterTheMetric() {
    SeriesKey key = new SeriesKey("churn", "challenger_psi", "tenure_months", null, null, "8/b");
    assertEquals("churn/challenger_psi/version=8%2Fb/feature=tenure_months", key.asString());
    assertEquals(key, SeriesKey.parse(key.asString()));
    assertEquals(
        new SeriesKey("m", "tpr", null, "sex", "F", "2"),
        SeriesKey.parse("m/tpr/version=2/attribute=sex/group=F"));
    assertThrows(
        IllegalArgumentException.class, () -> SeriesKey.parse("m/psi/feature=f/version=2"));
  }

  @Test
  void ofTakesTheFieldsOfACheckResult() {
    assertEquals(
        new SeriesKey("credit-risk", "psi", "income", null, null),
        SeriesKey.of(AlertFixtures.result(0, 'o')));
  }

  @Test
  void malformedStringsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> SeriesKey.parse("only-model"));
    assertThrows(IllegalArgumentException.class, () -> SeriesKey.parse("m/psi/colour=red"));
    assertThrows(IllegalArgumentException.class, () -> SeriesKey.parse("m/psi/group=g/feature=f"));
  }
}
