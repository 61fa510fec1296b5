package dev.assay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.core.Json;
import dev.assay.core.model.ModelCard;
import dev.assay.core.model.ModelRef;
import dev.assay.core.model.ModelVersion;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay models card NAME:VERSION [--owner ...]}: show or edit a model card. */
@Command(
    name = "card",
    mixinStandardHelpOptions = true,
    description = {
      "Show or edit the model card of a version (shown on the Summary sheet of its workbooks).",
      "Options given replace those fields; fields not given are kept. An empty text clears one."
    })
final class ModelCardCommand implements java.util.concurrent.Callable<Integer> {
  private final AssayCommand root;
  private ObjectMapper json;

  @Parameters(paramLabel = "NAME:VERSION", description = "the model version")
  String ref;

  @Option(names = "--owner", paramLabel = "TEXT", description = "who is accountable for the model")
  String owner;

  @Option(names = "--intended-use", paramLabel = "TEXT", description = "what it is for")
  String intendedUse;

  @Option(names = "--out-of-scope", paramLabel = "TEXT", description = "uses it must not serve")
  String outOfScope;

  @Option(names = "--limitations", paramLabel = "TEXT", description = "its known limits")
  String limitations;

  @Option(names = "--json", description = "print the card as JSON")
  boolean asJson;

  ModelCardCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public Integer call() throws Exception {
    ModelVersion model = root.workbench().models().get(ModelRef.parse(ref));
    ModelCard card = root.workbench().modelCards().get(model);
    boolean edit =
        owner != null || intendedUse != null || outOfScope != null || limitations != null;
    if (edit) {
      card =
          root.workbench()
              .modelCards()
              .save(model, card.with(owner, intendedUse, outOfScope, limitations));
    }
    PrintWriter out = root.context().out();
    if (asJson) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", model.ref());
      m.put("owner", card.owner());
      m.put("intended_use", card.intendedUse());
      m.put("out_of_scope", card.outOfScope());
      m.put("limitations", card.limitations());
      m.put("updated_at", card.updatedAt());
      m.put("updated_by", card.updatedBy());
      out.println(json().writeValueAsString(m));
      return 0;
    }
    if (edit) {
      out.printf("saved the model card of %s%n", model.ref());
    }
    out.printf("model           %s%n", model.ref());
    out.printf("owner           %s%n", orDash(card.owner()));
    out.printf("intended use    %s%n", orDash(card.intendedUse()));
    out.printf("out of scope    %s%n", orDash(card.outOfScope()));
    out.printf("limitations     %s%n", orDash(card.limitations()));
    if (card.updatedAt() != null) {
      out.printf("saved           %s by %s%n", card.updatedAt(), card.updatedBy());
    }
    return 0;
  }

  private static String orDash(String text) {
    return text.isEmpty() ? "-" : text;
  }

  /** The JSON printer, made on first use: a command without --json needs none (issue 14). */
  private ObjectMapper json() {
    if (json == null) {
      json = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
    return json;
  }
}
