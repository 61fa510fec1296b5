package dev.assay.core.security;

import static dev.assay.core.security.AtlasTechnique.CRAFT_ADVERSARIAL_DATA;
import static dev.assay.core.security.AtlasTechnique.DENIAL_OF_AI_SERVICE;
import static dev.assay.core.security.AtlasTechnique.EVADE_AI_MODEL;
import static dev.assay.core.security.AtlasTechnique.SUPPLY_CHAIN_COMPROMISE;
import static dev.assay.core.security.AtlasTechnique.UNSAFE_AI_ARTIFACTS;
import static dev.assay.core.security.AtlasTechnique.UNSECURED_CREDENTIALS;
import static dev.assay.core.security.Severity.CRITICAL;
import static dev.assay.core.security.Severity.HIGH;
import static dev.assay.core.security.Severity.INFO;
import static dev.assay.core.security.Severity.LOW;
import static dev.assay.core.security.Severity.MEDIUM;

import java.util.Locale;

/**
 * Every kind of security finding Assay reports: its stable id, severity, title, the plain
 * explanation a reviewer reads, the MITRE ATLAS technique it relates to (null where none applies)
 * and whether ONNX Runtime may still be given the file. This enum is the one table of that mapping.
 */
public enum SecurityCheck {
  EMPTY_FILE(
      CRITICAL,
      "Empty file",
      "The file has no bytes. Whatever was meant to arrive did not; do not use it.",
      SUPPLY_CHAIN_COMPROMISE,
      true),
  NOT_ONNX(
      CRITICAL,
      "Not an ONNX model",
      "The bytes do not parse as an ONNX protobuf. A file posing as a model is a classic way to get"
          + " something else opened; find out what it is before anyone loads it.",
      SUPPLY_CHAIN_COMPROMISE,
      true),
  TRUNCATED(
      CRITICAL,
      "Truncated or corrupt model",
      "The file starts like an ONNX model but breaks off or is damaged: an incomplete download or a"
          + " tampered copy. Get the file again from its source and compare checksums.",
      SUPPLY_CHAIN_COMPROMISE,
      true),
  TOO_LARGE_FOR_PROTOBUF(
      HIGH,
      "Model file over 2 GB",
      "One protobuf message cannot exceed 2 GB, so the file cannot be a valid ONNX model as it"
          + " stands; large models keep their weights as external data. Assay does not parse it.",
      DENIAL_OF_AI_SERVICE,
      true),
  NO_MODEL(
      CRITICAL,
      "Protobuf without a model",
      "The file parses as protobuf but has no IR version or no graph, so it is not an ONNX model.",
      SUPPLY_CHAIN_COMPROMISE,
      true),
  IR_VERSION_UNSUPPORTED(
      HIGH,
      "IR version newer than the bundled ONNX Runtime",
      "The bundled ONNX Runtime does not know this IR version, so it would refuse the model or"
          + " misread it. Re-export the model for an older IR version or update Assay.",
      null,
      true),
  OPSET_UNSUPPORTED(
      HIGH,
      "Operator set newer than the bundled ONNX Runtime",
      "The model imports an operator set the bundled ONNX Runtime does not implement. Re-export it"
          + " with an older opset or update Assay.",
      null,
      true),
  CUSTOM_OPERATOR_DOMAIN(
      HIGH,
      "Operators from a custom domain",
      "Operators outside ai.onnx, ai.onnx.ml and com.microsoft need a custom-operator library"
          + " (native code) to run. Loading such a library runs code that came with the model;"
          + " only do it for code you trust and have reviewed.",
      UNSAFE_AI_ARTIFACTS,
      false),
  LOCAL_FUNCTION_DOMAIN(
      INFO,
      "Model-local functions",
      "The model defines its own functions in a private domain; they are built from standard"
          + " operators and need no native code.",
      null,
      false),
  EXTERNAL_DATA_ABSOLUTE_PATH(
      CRITICAL,
      "External data at an absolute path",
      "A tensor's weights are to be read from an absolute path. A model must only read files"
          + " beside it; an absolute path lets a model make its reader load any file on the"
          + " machine (keys, password files, devices).",
      UNSAFE_AI_ARTIFACTS,
      true),
  EXTERNAL_DATA_OUTSIDE_FOLDER(
      CRITICAL,
      "External data outside the model's folder",
      "A tensor's weights are to be read from a path that climbs out of the model's folder ('..')."
          + " That is path traversal: the model would make its reader load files it was never"
          + " given.",
      UNSAFE_AI_ARTIFACTS,
      true),
  EXTERNAL_DATA_LINK(
      CRITICAL,
      "External data through a link",
      "A tensor's weights file is a symbolic link, passes through one, or is a hard link. Links"
          + " can point anywhere on the machine; copy the real file beside the model instead.",
      UNSAFE_AI_ARTIFACTS,
      true),
  EXTERNAL_DATA_MISSING(
      HIGH,
      "External data file missing",
      "The model needs a weights file that is not beside it. The model is incomplete as"
          + " delivered.",
      SUPPLY_CHAIN_COMPROMISE,
      true),
  EXTERNAL_DATA_OUT_OF_RANGE(
      HIGH,
      "External data range outside the file",
      "A tensor's offset and length lie beyond the end of its weights file, or the file holds"
          + " fewer bytes than the tensor declares: the weights are incomplete or the reference was"
          + " crafted to read past the end of the file.",
      SUPPLY_CHAIN_COMPROMISE,
      true),
  EXTERNAL_DATA_INVALID(
      HIGH,
      "Malformed external data reference",
      "A tensor's external-data reference is malformed (no location, a NUL character, a folder,"
          + " an offset or length that is not a number).",
      SUPPLY_CHAIN_COMPROMISE,
      true),
  TENSOR_SIZE_IMPLAUSIBLE(
      HIGH,
      "Tensor declares more data than the file holds",
      "A tensor's dimensions claim far more bytes than the whole file contains. Loading it would"
          + " make the runtime allocate that much memory first: a way to exhaust memory and crash"
          + " the application. Assay refuses it before anything is allocated.",
      DENIAL_OF_AI_SERVICE,
      true),
  TENSOR_DATA_MISMATCH(
      HIGH,
      "Tensor data does not match its dimensions",
      "The bytes stored for a tensor do not match what its dimensions and type require: the file"
          + " is damaged or was edited by hand.",
      SUPPLY_CHAIN_COMPROMISE,
      true),
  INPUT_SHAPE_IMPLAUSIBLE(
      MEDIUM,
      "Input with an implausibly large fixed shape",
      "A graph input has fixed dimensions whose product exceeds two billion elements; feeding it"
          + " would exhaust memory. Assay does not feed it in the isolated test.",
      DENIAL_OF_AI_SERVICE,
      false),
  SECRET_IN_METADATA(
      HIGH,
      "Secret in the model's metadata",
      "A metadata value looks like a credential (a private key, a cloud access key, a token or a"
          + " password). Anyone who receives the model can read it: revoke the credential and"
          + " re-export the model without it. The value is not repeated in this report.",
      UNSECURED_CREDENTIALS,
      false),
  URL_IN_METADATA(
      MEDIUM,
      "URL in the model's metadata",
      "A metadata value contains a URL. Tools that follow it would reach out to the network, which"
          + " an air-gapped site must not do; check where it points.",
      null,
      false),
  ABSOLUTE_PATH_IN_METADATA(
      LOW,
      "Absolute path in the model's metadata",
      "A metadata value contains an absolute file path from the machine that built the model. It"
          + " reveals user names and folder layout, and tools that follow it read local files.",
      null,
      false),
  SIGNATURE_INVALID(
      CRITICAL,
      "Signature does not match the file",
      "A signature recorded for this model does not match its current bytes or was not made by"
          + " the key it names: the file changed after it was signed.",
      SUPPLY_CHAIN_COMPROMISE,
      false),
  SIGNATURE_UNTRUSTED(
      MEDIUM,
      "Signed by a key this site does not trust",
      "The model is signed, but not with a key in the workbench's trust folder. Add the signer's"
          + " public key there if you trust it.",
      SUPPLY_CHAIN_COMPROMISE,
      false),
  UNSIGNED(
      LOW,
      "Not signed",
      "No signature by a trusted key vouches for this file; its origin rests on where it was"
          + " copied from.",
      SUPPLY_CHAIN_COMPROMISE,
      false),
  SIGNATURE_VERIFIED(
      INFO,
      "Signed by a trusted key",
      "A signature by a key in the workbench's trust folder matches the file's current bytes.",
      null,
      false),
  ISOLATION_CRASHED(
      CRITICAL,
      "Crashed ONNX Runtime in isolation",
      "Loading the model and running one tiny inference killed the separate test process. In the"
          + " application it would have taken the whole program down; do not load it.",
      DENIAL_OF_AI_SERVICE,
      false),
  ISOLATION_HUNG(
      HIGH,
      "Hung ONNX Runtime in isolation",
      "Loading the model and running one tiny inference did not finish within the time limit in"
          + " the separate test process, which was then stopped.",
      DENIAL_OF_AI_SERVICE,
      false),
  ISOLATION_REFUSED(
      MEDIUM,
      "ONNX Runtime refuses the model",
      "The bundled ONNX Runtime refused to load the model (in the separate test process, cleanly)."
          + " It cannot be evaluated as it stands.",
      null,
      false),
  ISOLATION_INFERENCE_FAILED(
      LOW,
      "Tiny inference failed in isolation",
      "The model loaded, but a one-row inference on zero inputs failed. Real data may still work;"
          + " the message says why.",
      null,
      false),
  PERTURBATION_ISSUE(
      MEDIUM,
      "Predictions change under small perturbations",
      "Small changes to the inputs (1% scaling, noise at a fraction of each feature's spread) change"
          + " 5% or more of the predictions. Ordinary measurement noise, or an adversary, can change"
          + " decisions with inputs that look the same.",
      CRAFT_ADVERSARIAL_DATA,
      false),
  PERTURBATION_MAJOR(
      HIGH,
      "Predictions change a lot under small perturbations",
      "Small changes to the inputs (1% scaling, noise at a fraction of each feature's spread) change"
          + " 10% or more of the predictions. Decisions are fragile: an adversary needs only tiny"
          + " edits to flip them.",
      CRAFT_ADVERSARIAL_DATA,
      false),
  ADVERSARIAL_ISSUE(
      MEDIUM,
      "Adversarial rows within a tenth of a standard deviation",
      "Evasion attacks changed the class of correctly classified rows by editing no feature by"
          + " more than 0.1 standard deviation, for 10% or more of the rows attacked: robust"
          + " accuracy at that size is 10 points or more below the clean accuracy. An adversary"
          + " with that much room to edit inputs can change those decisions.",
      CRAFT_ADVERSARIAL_DATA,
      false),
  ADVERSARIAL_MAJOR(
      HIGH,
      "Many adversarial rows within a tenth of a standard deviation",
      "Evasion attacks changed the class of correctly classified rows by editing no feature by"
          + " more than 0.1 standard deviation, for 25% or more of the rows attacked (robust"
          + " accuracy 25 points or more below the clean accuracy): decisions are easy to flip on"
          + " purpose.",
      CRAFT_ADVERSARIAL_DATA,
      false),
  ADVERSARIAL_GROUP_GAP(
      MEDIUM,
      "Easier to fool for one group",
      "Within a small perturbation (at most 0.25 standard deviation) the attacks fool the"
          + " correctly classified rows of one sensitive group 10 points more often than those of"
          + " another. Decisions about that group are easier to manipulate: a robustness problem"
          + " and a fairness one.",
      CRAFT_ADVERSARIAL_DATA,
      false),
  ADVERSARIAL_GROUP_GAP_MAJOR(
      HIGH,
      "Much easier to fool for one group",
      "Within a small perturbation (at most 0.25 standard deviation) the attacks fool the"
          + " correctly classified rows of one sensitive group 20 points more often than those of"
          + " another. Decisions about that group are much easier to manipulate.",
      CRAFT_ADVERSARIAL_DATA,
      false),
  FUZZ_INPUT_FAILED(
      LOW,
      "Model fails on unusual inputs",
      "NaN, infinite or extreme inputs make the model fail or produce non-finite outputs. Inputs"
          + " must be validated before they reach it.",
      EVADE_AI_MODEL,
      false),
  NONDETERMINISTIC(
      MEDIUM,
      "Predictions are not reproducible",
      "The same input gave different outputs twice, or a row scored alone differs from the same"
          + " row scored in a batch. Decisions cannot be reproduced for an audit.",
      null,
      false);

  private final Severity severity;
  private final String title;
  private final String explanation;
  private final AtlasTechnique atlas;
  private final boolean blocksLoading;

  SecurityCheck(
      Severity severity,
      String title,
      String explanation,
      AtlasTechnique atlas,
      boolean blocksLoading) {
    this.severity = severity;
    this.title = title;
    this.explanation = explanation;
    this.atlas = atlas;
    this.blocksLoading = blocksLoading;
  }

  /** The stable id written in reports: the constant's name in lower case. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Severity severity() {
    return severity;
  }

  public String title() {
    return title;
  }

  public String explanation() {
    return explanation;
  }

  /** The related ATLAS technique, or null where none applies. */
  public AtlasTechnique atlas() {
    return atlas;
  }

  /** Whether ONNX Runtime must not be given the file (not even in the isolated process). */
  public boolean blocksLoading() {
    return blocksLoading;
  }

  /** A finding of this kind with its evidence. */
  public Finding finding(String evidence) {
    return new Finding(
        id(),
        severity,
        title,
        evidence,
        explanation,
        atlas == null ? null : atlas.id(),
        atlas == null ? null : atlas.title());
  }
}
