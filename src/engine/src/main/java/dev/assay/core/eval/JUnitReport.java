package dev.assay.core.eval;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an evaluation's quality gates as a JUnit XML report, which Jenkins and GitLab CI display:
 * one test case per gate (failed when the condition holds), plus one per metric as a passed case
 * carrying its value.
 */
public final class JUnitReport {
  private JUnitReport() {}

  public static void write(Path file, EvaluationResult result, List<QualityGate.Outcome> outcomes)
      throws IOException {
    long failures = outcomes.stream().filter(QualityGate.Outcome::holds).count();
    Map<String, Object> metrics = result.metrics();
    long numeric = metrics.values().stream().filter(v -> v instanceof Number).count();
    String suite = "assay.eval." + result.run().model();
    // A pipeline names a report folder that often does not exist yet (as pytest's --junitxml does).
    Path folder = file.toAbsolutePath().getParent();
    if (folder != null) {
      Files.createDirectories(folder);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("testsuites");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", suite);
      xml.writeAttribute("tests", Long.toString(outcomes.size() + numeric));
      xml.writeAttribute("failures", Long.toString(failures));
      xml.writeAttribute("errors", "0");
      xml.writeAttribute("time", format(result.run().wallSeconds()));
      xml.writeAttribute("timestamp", result.run().startedAt().toString());
      xml.writeStartElement("properties");
      property(xml, "run_id", Long.toString(result.run().id()));
      property(xml, "model", result.run().model());
      property(xml, "dataset", result.run().dataset());
      property(xml, "provider", result.run().provider());
      xml.writeEndElement();
      for (QualityGate.Outcome outcome : outcomes) {
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", suite + ".gates");
        xml.writeAttribute("name", "not (" + outcome.gate().text() + ")");
        if (outcome.holds()) {
          xml.writeStartElement("failure");
          xml.writeAttribute("message", "condition holds: " + outcome.describe());
          xml.writeCharacters(outcome.describe());
          xml.writeEndElement();
        }
        xml.writeEndElement();
      }
      for (Map.Entry<String, Object> metric : metrics.entrySet()) {
        if (metric.getValue() instanceof Number number) {
          xml.writeStartElement("testcase");
          xml.writeAttribute("classname", suite + ".metrics");
          xml.writeAttribute("name", metric.getKey() + " = " + number);
          xml.writeEndElement();
        }
      }
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void property(XMLStreamWriter xml, String name, String value)
      throws XMLStreamException {
    xml.writeEmptyElement("property");
    xml.writeAttribute("name", name);
    xml.writeAttribute("value", value == null ? "" : value);
  }

  private static String format(double seconds) {
    return String.format(Locale.ROOT, "%.3f", seconds);
  }
}
