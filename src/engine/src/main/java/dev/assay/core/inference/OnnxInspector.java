package dev.assay.core.inference;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OrtException;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.assay.core.model.ExternalDataGuard;
import dev.assay.core.model.ModelInspection;
import dev.assay.core.model.ModelInspection.ValueSignature;
import dev.assay.core.model.ModelProblem;
import dev.assay.core.model.ModelRejectedException;
import dev.assay.core.model.OnnxTensors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an ONNX file's structure from its protobuf, refuses what must not reach ONNX Runtime (not
 * ONNX, truncated, newer than the runtime, external data outside the model's folder), then lets
 * ONNX Runtime open it as the final proof that it loads.
 */
public final class OnnxInspector {
  /**
   * Protobuf cannot represent a message over 2 GB; bigger models must keep their weights as
   * external data.
   */
  static final long MAX_PROTOBUF_BYTES = Integer.MAX_VALUE;

  private final OnnxRuntime runtime;

  public OnnxInspector(OnnxRuntime runtime) {
    this.runtime = runtime;
  }

  /** The result of inspecting a file: its structure and the external-data files it needs. */
  public record Result(
      ModelInspection inspection, List<ExternalDataGuard.CheckedReference> externalFiles) {}

  /**
   * Inspects {@code file}.
   *
   * @throws ModelRejectedException naming the file and the reason when it is not an ONNX model
   *     Assay can use
   */
  public Result inspect(Path file) {
    ModelProto model = readModel(file);
    List<ModelRejectedException> header = headerProblems(file, model);
    if (!header.isEmpty()) {
      throw header.getFirst();
    }
    List<ExternalDataGuard.CheckedReference> external = checkExternalData(file, model);
    try {
      runtime.load(file);
    } catch (OrtException e) {
      throw new ModelRejectedException(
          file,
          ModelProblem.RUNTIME_REFUSED,
          "ONNX Runtime cannot load it: " + firstLine(e.getMessage()),
          e);
    }
    return new Result(ModelDescriber.describe(model, external), external);
  }

  /**
   * Parses the file's ONNX protobuf without giving it to ONNX Runtime. Refuses missing, unreadable,
   * empty, over-2-GB, truncated and non-ONNX files; says nothing yet about the content.
   *
   * @throws ModelRejectedException with the {@link ModelProblem} and a reason naming the file
   */
  public static ModelProto readModel(Path file) {
    long size;
    try {
      if (!Files.exists(file)) {
        throw new ModelRejectedException(file, ModelProblem.NOT_FOUND, "file not found");
      }
      if (!Files.isRegularFile(file)) {
        throw new ModelRejectedException(file, ModelProblem.NOT_A_FILE, "not a regular file");
      }
      size = Files.size(file);
    } catch (IOException e) {
      throw new ModelRejectedException(
          file, ModelProblem.UNREADABLE, "cannot be read: " + e.getMessage(), e);
    }
    if (size == 0) {
      throw new ModelRejectedException(
          file, ModelProblem.EMPTY, "file is empty (0 bytes), not an ONNX model");
    }
    if (size > MAX_PROTOBUF_BYTES) {
      throw new ModelRejectedException(
          file,
          ModelProblem.TOO_LARGE,
          "file is "
              + size
              + " bytes; ONNX files over 2 GB must keep their weights as external data");
    }
    try (InputStream in = Files.newInputStream(file)) {
      CodedInputStream coded = CodedInputStream.newInstance(in, 1 << 16);
      coded.setSizeLimit(Integer.MAX_VALUE);
      return ModelProto.parseFrom(coded);
    } catch (InvalidProtocolBufferException e) {
      String why = e.getMessage() == null ? "" : e.getMessage();
      if (why.contains("ended unexpectedly") || why.contains("truncated")) {
        boolean truncated = startsLikeOnnx(file);
        throw new ModelRejectedException(
            file,
            truncated ? ModelProblem.TRUNCATED : ModelProblem.NOT_ONNX,
            truncated
                ? "file is truncated or corrupt (the ONNX protobuf ends early)"
                : "not an ONNX model (not a valid ONNX protobuf)",
            e);
      }
      throw new ModelRejectedException(
          file,
          ModelProblem.NOT_ONNX,
          "not an ONNX model (invalid protobuf: " + firstLine(why) + ")",
          e);
    } catch (IOException e) {
      throw new ModelRejectedException(
          file, ModelProblem.UNREADABLE, "cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Whether the file begins the way ONNX writers begin a model: field 1 ({@code ir_version}) as a
   * small varint. Any bytes that break off early fail to parse as "truncated", so this tells a
   * cut-off model from a file that never was one.
   */
  private static boolean startsLikeOnnx(Path file) {
    byte[] head = new byte[3];
    try (InputStream in = Files.newInputStream(file)) {
      int n = in.readNBytes(head, 0, head.length);
      if (n < 2 || head[0] != 0x08) {
        return false;
      }
      long irVersion = head[1] & 0x7f;
      if ((head[1] & 0x80) != 0) {
        if (n < 3 || (head[2] & 0x80) != 0) {
          return false;
        }
        irVersion |= (long) (head[2] & 0x7f) << 7;
      }
      return irVersion >= 1 && irVersion <= 1000;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Everything wrong with the model's header, in the order the importer reports it: no IR version
   * or graph (then nothing else is checked), IR version and opsets newer than the bundled ONNX
   * Runtime.
   */
  public static List<ModelRejectedException> headerProblems(Path file, ModelProto model) {
    if (!model.hasIrVersion() || model.getIrVersion() <= 0) {
      return List.of(
          new ModelRejectedException(
              file, ModelProblem.NO_IR_VERSION, "not an ONNX model (no IR version)"));
    }
    if (!model.hasGraph()
        || model.getGraph().getNodeCount() == 0 && model.getGraph().getOutputCount() == 0) {
      return List.of(
          new ModelRejectedException(file, ModelProblem.NO_GRAPH, "not an ONNX model (no graph)"));
    }
    List<ModelRejectedException> problems = new ArrayList<>();
    if (model.getIrVersion() > OnnxRuntime.MAX_IR_VERSION) {
      problems.add(
          new ModelRejectedException(
              file,
              ModelProblem.IR_TOO_NEW,
              "IR version "
                  + model.getIrVersion()
                  + " is newer than the bundled ONNX Runtime supports (at most "
                  + OnnxRuntime.MAX_IR_VERSION
                  + ")"));
    }
    for (OperatorSetIdProto opset : model.getOpsetImportList()) {
      String domain = opset.getDomain();
      long max =
          domain.isEmpty() || domain.equals("ai.onnx")
              ? OnnxRuntime.MAX_ONNX_OPSET
              : domain.equals("ai.onnx.ml") ? OnnxRuntime.MAX_ONNX_ML_OPSET : Long.MAX_VALUE;
      if (opset.getVersion() > max) {
        problems.add(
            new ModelRejectedException(
                file,
                ModelProblem.OPSET_TOO_NEW,
                "opset "
                    + domainName(domain)
                    + " "
                    + opset.getVersion()
                    + " is newer than the bundled ONNX Runtime supports (at most "
                    + max
                    + ")"));
      }
    }
    return problems;
  }

  /**
   * An external-data reference as written in the file.
   *
   * @param declaredBytes bytes the tensor's dims and type require, or -1 when not computable
   */
  public record ExternalReference(
      String tensorName, String location, String offset, String length, long declaredBytes) {
    /** Checks this reference with {@code guard}; throws when it must not reach ONNX Runtime. */
    public ExternalDataGuard.CheckedReference checkWith(ExternalDataGuard guard) {
      return guard.check(tensorName, location, offset, length, declaredBytes);
    }
  }

  /** Every external-data reference of the model's tensors, unchecked. */
  public static List<ExternalReference> externalReferences(ModelProto model) {
    List<ExternalReference> references = new ArrayList<>();
    for (TensorProto tensor : OnnxTensors.all(model)) {
      if (tensor.getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
        continue;
      }
      Map<String, String> entries = new HashMap<>();
      for (StringStringEntryProto entry : tensor.getExternalDataList()) {
        entries.put(entry.getKey(), entry.getValue());
      }
      references.add(
          new ExternalReference(
              tensor.getName(),
              entries.get("location"),
              entries.get("offset"),
              entries.get("length"),
              OnnxTensors.declaredBytes(tensor)));
    }
    return references;
  }

  private static List<ExternalDataGuard.CheckedReference> checkExternalData(
      Path file, ModelProto model) {
    ExternalDataGuard guard = new ExternalDataGuard(file);
    Map<String, ExternalDataGuard.CheckedReference> files = new LinkedHashMap<>();
    for (ExternalReference reference : externalReferences(model)) {
      ExternalDataGuard.CheckedReference checked = reference.checkWith(guard);
      files.putIfAbsent(checked.relativeLocation(), checked);
    }
    return List.copyOf(files.values());
  }

  /** The signature of a graph input or output, as {@link ModelInspection} lists them. */
  static ValueSignature signature(ValueInfoProto value) {
    return ModelDescriber.signature(value);
  }

  /** The domain as users write it: {@code ai.onnx} for the default (empty) domain. */
  public static String domainName(String domain) {
    return domain == null || domain.isEmpty() ? "ai.onnx" : domain;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline);
  }
}
