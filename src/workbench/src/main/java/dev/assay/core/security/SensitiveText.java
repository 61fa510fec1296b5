package dev.assay.core.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises text that should not travel inside a model file: credentials (private keys, cloud
 * access keys, tokens, passwords), URLs and absolute paths. Works on one metadata entry at a time
 * and never returns the secret itself, only what kind it is and a redacted hint.
 */
final class SensitiveText {
  /** What a piece of text was recognised as. */
  enum Kind {
    SECRET,
    URL,
    ABSOLUTE_PATH
  }

  /**
   * One recognised piece of text.
   *
   * @param what e.g. "AWS access key id", "URL", "absolute path"
   * @param hint a redacted hint for secrets ({@code AKIA…, 20 characters}), the text itself for
   *     URLs and paths (shortened)
   */
  record Hit(Kind kind, String what, String hint) {}

  private record Rule(String what, Pattern pattern) {}

  private static final List<Rule> SECRET_VALUES =
      List.of(
          new Rule(
              "private key",
              Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")),
          new Rule("AWS access key id", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b")),
          new Rule(
              "GitHub token",
              Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})")),
          new Rule("Slack token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}")),
          new Rule("Google API key", Pattern.compile("\\bAIza[0-9A-Za-z_\\-]{35}\\b")),
          new Rule("Hugging Face token", Pattern.compile("\\bhf_[A-Za-z0-9]{30,}\\b")),
          new Rule(
              "API secret key", Pattern.compile("\\bsk-(?:[A-Za-z0-9_-]{2,}-)?[A-Za-z0-9]{20,}")),
          new Rule(
              "JSON web token",
              Pattern.compile(
                  "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}")),
          new Rule("bearer token", Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{16,}")),
          new Rule(
              "credentials in a URL",
              Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@")),
          new Rule(
              "password assignment",
              Pattern.compile(
                  "(?i)\\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token)"
                      + "\\s*[:=]\\s*['\"]?[^\\s'\",;]{4,}")));

  /** Metadata keys that name a credential: any non-trivial value under them is a secret. */
  private static final Pattern SECRET_KEY =
      Pattern.compile(
          "(?i)(password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key"
              + "|credential|auth)");

  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "(?i)(|none|null|n/?a|-|\\*+|x+|changeme|redacted|<[^>]*>|\\$\\{[^}]*}|true|false|\\d{1,3})");

  private static final Pattern URL =
      Pattern.compile(
          "(?i)\\b(?:https?|ftps?|s3|gs|wasbs?|abfss?|hdfs|file|sftp|ssh)://[^\\s\"'<>]+");

  private static final Pattern ABSOLUTE_PATH =
      Pattern.compile(
          "(?<![\\w.:/\\\\-])(?:/(?:home|Users|root|etc|var|tmp|opt|mnt|media|data|srv|usr|private"
              + "|Volumes|workspace|scratch)(?:/[^\\s\"',;:]+)+|[A-Za-z]:\\\\[^\\s\"',;]+|\\\\\\\\[\\w.-]+\\\\[^\\s\"',;]+)");

  private SensitiveText() {}

  /** What {@code value} under metadata {@code key} contains that should not be there. */
  static List<Hit> scan(String key, String value) {
    List<Hit> hits = new ArrayList<>();
    if (value == null) {
      return hits;
    }
    boolean secret = false;
    for (Rule rule : SECRET_VALUES) {
      Matcher m = rule.pattern().matcher(value);
      if (m.find()) {
        hits.add(new Hit(Kind.SECRET, rule.what(), redact(m.group())));
        secret = true;
        break;
      }
    }
    String strippedValue = value.strip();
    if (!secret
        && key != null
        && SECRET_KEY.matcher(key).find()
        && !PLACEHOLDER.matcher(strippedValue).matches()
        && !looksLikeDescription(strippedValue)) {
      hits.add(new Hit(Kind.SECRET, "value of a credential-named key", redact(strippedValue)));
      secret = true;
    }
    if (secret) {
      return hits;
    }
    Matcher url = URL.matcher(value);
    if (url.find()) {
      String found = url.group();
      hits.add(
          new Hit(
              found.toLowerCase(Locale.ROOT).startsWith("file:") ? Kind.ABSOLUTE_PATH : Kind.URL,
              found.toLowerCase(Locale.ROOT).startsWith("file:") ? "file URL" : "URL",
              shorten(found)));
    }
    Matcher path = ABSOLUTE_PATH.matcher(value);
    if (path.find()) {
      hits.add(new Hit(Kind.ABSOLUTE_PATH, "absolute path", shorten(path.group())));
    }
    return hits;
  }

  /** Whether a value under a credential-named key is prose (several words), not a credential. */
  private static boolean looksLikeDescription(String value) {
    return value.split("\\s+").length >= 4;
  }

  /** The first characters and the length, never the whole secret. */
  static String redact(String secret) {
    String trimmed = secret.strip();
    int show = Math.min(4, trimmed.length() / 4);
    return trimmed.substring(0, show) + "…, " + trimmed.length() + " characters";
  }

  private static String shorten(String text) {
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }
}
