package dev.assay.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * jpackage options from {@code installer/jpackage/*.args}: one option per line ({@code --name
 * value}, the value taken verbatim to the end of the line), {@code #} comments, sections {@code
 * [app-image]}, {@code [package]} and {@code [deb]}, {@code [rpm]}, {@code [msi]}, {@code [dmg]}
 * for the installer types, and {@code ${token}} substitutions.
 */
final class JpackageArgs {
  private static final Pattern TOKEN = Pattern.compile("\\$\\{([a-z.]+)}");

  private JpackageArgs() {}

  /** The options of {@code section} in {@code files}, in file order. */
  static List<String> read(List<Path> files, String section, Map<String, String> tokens) {
    List<String> args = new ArrayList<>();
    for (Path file : files) {
      if (!Files.exists(file)) {
        continue;
      }
      String current = "";
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      for (String raw : lines) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("[") && line.endsWith("]")) {
          current = line.substring(1, line.length() - 1);
          continue;
        }
        if (!current.equals(section)) {
          continue;
        }
        int space = line.indexOf(' ');
        if (space < 0) {
          args.add(substitute(line, tokens, file));
        } else {
          args.add(line.substring(0, space));
          args.add(substitute(line.substring(space + 1).strip(), tokens, file));
        }
      }
    }
    return args;
  }

  private static String substitute(String value, Map<String, String> tokens, Path file) {
    Matcher m = TOKEN.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = tokens.get(m.group(1));
      if (replacement == null) {
        throw new IllegalStateException("unknown ${" + m.group(1) + "} in " + file);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
