package io.aimon.jobs.monitor;

import io.aimon.detectors.label.LabelledPrediction;
import io.aimon.jobs.io.ImmutableTypeSerializer;
import io.aimon.jobs.io.SerializerTypeInfo;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Carries {@link LabelledPrediction}s from the label split and the label join to the outcome
 * windows: its fields in order, strings as Flink's string serializer writes them, each nullable one
 * behind a presence flag. A labelled prediction is never changed once made (its groups array
 * included), so handing one to a chained operator hands on the same instance (no reflective copy
 * per labelled event). Travels on edges only, never in state.
 */
final class LabelledPredictionSerializer extends ImmutableTypeSerializer<LabelledPrediction> {
  private static final long serialVersionUID = 1L;
  static final LabelledPredictionSerializer INSTANCE = new LabelledPredictionSerializer();
  static final TypeInformation<LabelledPrediction> TYPE_INFO =
      new SerializerTypeInfo<>(INSTANCE, LabelledPrediction.class);

  @Override
  public void serialize(LabelledPrediction p, DataOutputView out) throws IOException {
    StringValue.writeString(p.modelId(), out);
    writeNullable(p.inferenceId(), out);
    out.writeLong(p.predictionTimestamp());
    StringValue.writeString(p.prediction(), out);
    out.writeDouble(p.score());
    StringValue.writeString(p.label(), out);
    out.writeInt(p.groups().length);
    for (String g : p.groups()) {
      writeNullable(g, out);
    }
    out.writeLong(p.labelTimestamp());
    writeNullable(p.source(), out);
    out.writeLong(p.position());
    writeNullable(p.modelVersion(), out);
  }

  @Override
  public LabelledPrediction deserialize(DataInputView in) throws IOException {
    String modelId = StringValue.readString(in);
    String inferenceId = readNullable(in);
    long predictionTimestamp = in.readLong();
    String prediction = StringValue.readString(in);
    double score = in.readDouble();
    String label = StringValue.readString(in);
    String[] groups = new String[in.readInt()];
    for (int i = 0; i < groups.length; i++) {
      groups[i] = readNullable(in);
    }
    long labelTimestamp = in.readLong();
    String source = readNullable(in);
    long position = in.readLong();
    return new LabelledPrediction(
        modelId,
        inferenceId,
        predictionTimestamp,
        prediction,
        score,
        label,
        groups,
        labelTimestamp,
        source,
        position,
        readNullable(in));
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  private static void writeNullable(String s, DataOutputView out) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      StringValue.writeString(s, out);
    }
  }

  private static String readNullable(DataInputView in) throws IOException {
    return in.readBoolean() ? StringValue.readString(in) : null;
  }

  @Override
  public TypeSerializerSnapshot<LabelledPrediction> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores this serializer. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<LabelledPrediction> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
