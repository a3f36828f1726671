package io.aimon.config;

import static io.aimon.config.ConfigFixtures.file;
import static io.aimon.config.ConfigFixtures.load;
import static io.aimon.config.ConfigFixtures.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code input} section and the models' {@code tensors} mappings. */
class InputConfigTest {
  @Test
  void formatTimeoutAndMappingAreRead() throws ConfigException {
    AimonConfig c = load("tensors.yaml");
    assertEquals(
        new InputConfig(
            InputFormat.KSERVE,
            Duration.ofMinutes(2),
            new SeldonTopics("seldon", "default"),
            LabelFormat.NATIVE,
            null,
            null,
            OtlpInput.defaults()),
        c.input());
    TensorMapping t = c.models().get(0).tensors();
    assertEquals(
        List.of(new TensorColumns("input-0", List.of("age", "_", "income", "sex"))), t.inputs());
    assertEquals(new TensorRef("predict", 0), t.prediction());
    assertEquals(new TensorRef("predict_proba", 1), t.score());
    assertEquals("predict_proba[1]", t.score().toString());
  }

  @Test
  void defaultsAreNativeAndMappingByName() throws ConfigException {
    AimonConfig c = load("minimal.yaml");
    assertEquals(InputConfig.defaults(), c.input());
    assertEquals(InputFormat.NATIVE, c.input().format());
    assertEquals(TensorMapping.defaults(), c.models().get(0).tensors());
    assertNull(c.models().get(0).tensors().prediction());
  }

  @Test
  void mistakesNameTheirFileLineAndKey() {
    assertEquals(
        new ConfigProblem(
            file("tensors-unknown-column.yaml"),
            10,
            "models[0].tensors.inputs[0].columns[1]",
            "'incme' is not a feature or fairness attribute of the model (did you mean"
                + " 'income'?); use _ to skip a column"),
        onlyProblem("tensors-unknown-column.yaml"));
    assertEquals(
        new ConfigProblem(
            file("tensors-bad-ref.yaml"),
            8,
            "models[0].tensors.score",
            "expected a tensor name, or name[column] with a column number, found 'proba[x]'"),
        onlyProblem("tensors-bad-ref.yaml"));
    assertEquals(
        new ConfigProblem(
            file("tensors-twice.yaml"),
            12,
            "models[0].tensors.inputs[1].columns[0]",
            "'age' is already read from a[0]; each name has one column"),
        onlyProblem("tensors-twice.yaml"));
    assertEquals("input.format", onlyProblem("input-bad-format.yaml").key());
    assertEquals(
        new ConfigProblem(
            file("input-seldon-bad-namespace.yaml"),
            4,
            "input.seldon.namespace",
            "expected a topic name part: 1 to 200 of a-z, A-Z, 0-9, '.', '_', '-', found"
                + " \"fraud prod\""),
        onlyProblem("input-seldon-bad-namespace.yaml"));
  }

  @Test
  void seldonTopicsAreNamedByPrefixNamespaceAndModel() throws ConfigException {
    AimonConfig c = load("input-seldon.yaml");
    assertEquals(InputFormat.SELDON, c.input().format());
    SeldonTopics t = c.input().seldon();
    assertEquals("mlops.fraud-prod.model.adult.inputs", t.inputs("adult"));
    assertEquals("mlops.fraud-prod.model.adult.outputs", t.outputs("adult"));
    assertEquals(new SeldonTopics.ModelTopic("adult", true), t.parse(t.inputs("adult")));
    // a model name may hold dots: the prefix and the suffix delimit it
    assertEquals(
        new SeldonTopics.ModelTopic("adult.v2", false),
        t.parse("mlops.fraud-prod.model.adult.v2.outputs"));
    assertNull(t.parse("mlops.fraud-prod.pipeline.adult.outputs"));
    assertNull(t.parse("mlops.other.model.adult.inputs"));
    assertNull(t.parse("mlops.fraud-prod.model..inputs"));
  }

  @Test
  void sageMakerRecordsBelongToTheOnlyModelOrTheNamedOne() throws ConfigException {
    AimonConfig one = load("input-sagemaker.yaml");
    assertEquals(InputFormat.SAGEMAKER, one.input().format());
    assertEquals(LabelFormat.SAGEMAKER, one.input().labelFormat());
    assertEquals("adult", one.input().sagemakerModel(), "the only model");
    assertEquals("AllTraffic", one.input().sagemakerVariant());
    assertEquals(
        new ConfigProblem(
            file("input-sagemaker-two-models.yaml"),
            1,
            "input.sagemaker.model",
            "required with 2 models: SageMaker's capture and ground-truth records name no model,"
                + " so say which one's endpoint they come from"),
        onlyProblem("input-sagemaker-two-models.yaml"));
  }
}
