package dev.assay.ui.help;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documentation that ships inside the application (the repository's Markdown files, copied into
 * {@code dev/assay/help/} of assay.jar by the build): the README and every bundled document it
 * links to, directly or through other documents. Nothing is fetched: links to web pages stay text.
 */
public final class HelpDocs {
  /** Where the build puts the documents (relative paths as in the repository). */
  static final String ROOT = "/dev/assay/help/";

  static final String START = "README.md";

  private static final Pattern LOCAL_MARKDOWN_LINK =
      Pattern.compile("\\]\\(([^)#:\\s]+\\.md)(?:#[^)]*)?\\)");

  /** One bundled document. */
  public record Doc(String path, String title, String text) {
    @Override
    public String toString() {
      return title;
    }
  }

  private HelpDocs() {}

  /** The README first, then the documents it leads to, in the order their links appear. */
  public static List<Doc> bundled() {
    List<Doc> docs = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> queue = new ArrayDeque<>(List.of(START));
    while (!queue.isEmpty()) {
      String path = queue.removeFirst();
      if (!seen.add(path)) {
        continue;
      }
      String text = read(path);
      if (text == null) {
        continue;
      }
      docs.add(new Doc(path, title(path, text), text));
      Matcher link = LOCAL_MARKDOWN_LINK.matcher(text);
      while (link.find()) {
        String target = resolve(path, link.group(1));
        if (target != null && !seen.contains(target)) {
          queue.addLast(target);
        }
      }
    }
    return docs;
  }

  /** A link's target relative to the linking document, or null when it leaves the bundle. */
  static String resolve(String from, String link) {
    String normalized = URI.create("bundle:/" + from).resolve(link).normalize().getPath();
    if (normalized == null || normalized.contains("..")) {
      return null;
    }
    return normalized.startsWith("/") ? normalized.substring(1) : normalized;
  }

  private static String title(String path, String text) {
    String heading =
        text.lines()
            .filter(l -> l.startsWith("# "))
            .findFirst()
            .map(l -> l.substring(2).strip())
            .orElse(path);
    return path.equals(START) || heading.equals(path) ? heading : heading + " (" + path + ")";
  }

  private static String read(String path) {
    try (InputStream in = HelpDocs.class.getResourceAsStream(ROOT + path)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
