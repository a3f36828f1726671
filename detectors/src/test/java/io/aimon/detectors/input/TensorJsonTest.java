package io.aimon.detectors.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aimon.detectors.event.InvalidEventException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OIP v2 tensors and KServe V1 bodies read from JSON, each datatype and each layout. */
class TensorJsonTest {
  private static Tensor one(String datatype, String shape, String data) throws Exception {
    String body =
        "{\"inputs\":[{\"name\":\"t\",\"shape\":"
            + shape
            + ",\"datatype\":\""
            + datatype
            + "\",\"data\":"
            + data
            + "}]}";
    return TensorJson.readOip(InputJson.read(body, "body"), false).tensors().get(0);
  }

  private static String reason(String datatype, String shape, String data) {
    return assertThrows(InvalidEventException.class, () -> one(datatype, shape, data))
        .reason()
        .code();
  }

  @Test
  void nestedAndFlatDataAreTheSameRowMajorTensor() throws Exception {
    Tensor nested = one("INT32", "[2, 3]", "[[1, 2, 3], [4, 5, 6]]");
    Tensor flat = one("INT32", "[2, 3]", "[1, 2, 3, 4, 5, 6]");
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, nested.numbers());
    assertArrayEquals(nested.numbers(), flat.numbers());
    assertEquals(2, nested.rows());
    assertEquals(3, nested.columns());
    Tensor cube = one("FP64", "[2, 2, 2]", "[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]");
    assertEquals(4, cube.columns(), "trailing dimensions flattened");
    assertEquals(1, one("FP32", "[]", "3.5").rows(), "a scalar is one row");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "BOOL   | [true, false] | 1.0;0.0   | true;false",
        "UINT8  | [0, 255]      | 0.0;255.0 | 0;255",
        "UINT16 | [65535, 1]    | 65535.0;1.0 | 65535;1",
        "UINT32 | [4294967295, 0] | 4.294967295E9;0.0 | 4294967295;0",
        "UINT64 | [0, 1]        | 0.0;1.0   | 0;1",
        "INT8   | [-128, 127]   | -128.0;127.0 | -128;127",
        "INT16  | [-32768, 7]   | -32768.0;7.0 | -32768;7",
        "INT32  | [-2147483648, 2147483647] | -2.147483648E9;2.147483647E9 | -2147483648;2147483647",
        "INT64  | [-5, 9007199254740992] | -5.0;9.007199254740992E15 | -5;9.007199254740992E15",
        "FP16   | [0.5, -2]     | 0.5;-2.0  | 0.5;-2",
        "FP32   | [1.25, 3]     | 1.25;3.0  | 1.25;3",
        "FP64   | [0.1, 1e300]  | 0.1;1.0E300 | 0.1;1.0E300",
      })
  void everyNumericDatatypeReadsItsElements(
      String datatype, String data, String numbers, String texts) throws Exception {
    Tensor t = one(datatype, "[2]", data);
    assertEquals(TensorDatatype.parse(datatype), t.datatype());
    String[] n = numbers.split(";");
    String[] x = texts.split(";");
    for (int i = 0; i < 2; i++) {
      assertEquals(Double.parseDouble(n[i]), t.numbers()[i], datatype);
      assertEquals(x[i], t.text(i), datatype);
      assertTrue(t.isNumber(i));
    }
  }

  @Test
  void bytesAreTexts() throws Exception {
    Tensor t = one("BYTES", "[2]", "[\"Private\", \"\"]");
    assertEquals("Private", t.text(0));
    assertEquals("", t.text(1));
    assertTrue(t.isText(0));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "UINT8 | [1] | [256] | wrong_type",
        "UINT8 | [1] | [-1] | wrong_type",
        "INT8 | [1] | [1.5] | wrong_type",
        "BOOL | [1] | [1] | wrong_type",
        "BYTES | [1] | [7] | wrong_type",
        "FP32 | [1] | [\"7\"] | wrong_type",
        "FP32 | [1] | [{\"a\": 1}] | wrong_type",
        "FP128 | [1] | [1] | unknown_datatype",
        "fp32 | [1] | [1] | unknown_datatype",
        "FP32 | [2, 2] | [1, 2, 3] | wrong_shape",
        "FP32 | [-1] | [1] | wrong_shape",
        "FP32 | [4294967296, 4294967296, 4294967296] | [1] | wrong_shape",
      })
  void elementsThatBreakTheirDatatypeOrShapeAreRejected(
      String datatype, String shape, String data, String reason) {
    assertEquals(reason, reason(datatype, shape, data));
  }

  @Test
  void v1ObjectsWithAKeyEachCostBoundedMemory() throws Exception {
    // 100,000 objects of one key each would be 100,000 columns of 100,000 rows: rejected early
    StringBuilder body = new StringBuilder("{\"instances\": [");
    for (int i = 0; i < 100_000; i++) {
      body.append(i == 0 ? "" : ",").append("{\"k").append(i).append("\": 1}");
    }
    body.append("]}");
    InvalidEventException e =
        assertThrows(
            InvalidEventException.class,
            () -> TensorJson.readV1(InputJson.read(body.toString(), "body"), false));
    assertEquals("wrong_shape", e.reason().code());
    assertEquals(
        "instances: 100000 objects over more than 41 keys: expected at most 4096 keys and 4194304"
            + " values",
        e.getMessage());
  }

  @Test
  void v1BodiesAreTensors() throws Exception {
    InferenceTensors arrays =
        TensorJson.readV1(
            InputJson.read("{\"instances\": [[1, \"a\"], [2, \"b\"]]}", "body"), false);
    Tensor t = arrays.tensor(TensorJson.INSTANCES);
    assertEquals(2, t.rows());
    assertEquals(2, t.columns());
    assertEquals(2.0, t.numbers()[2]);
    assertEquals("b", t.text(3));
    InferenceTensors objects =
        TensorJson.readV1(
            InputJson.read("{\"instances\": [{\"x\": 1}, {\"y\": true}]}", "body"), false);
    assertEquals(1.0, objects.tensor("x").numbers()[0]);
    assertEquals(null, objects.tensor("x").text(1), "absent key: null");
    assertEquals("true", objects.tensor("y").text(1));
    InferenceTensors predictions =
        TensorJson.readV1(InputJson.read("{\"predictions\": [1, 0]}", "body"), true);
    assertEquals("0", predictions.tensor(TensorJson.PREDICTIONS).text(1));
    assertEquals(
        "wrong_shape",
        assertThrows(
                InvalidEventException.class,
                () ->
                    TensorJson.readV1(
                        InputJson.read("{\"instances\": [[1, 2], [3]]}", "body"), false))
            .reason()
            .code());
  }
}
