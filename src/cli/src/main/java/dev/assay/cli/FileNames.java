package dev.assay.cli;

import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * File names from the command line. The JVM decodes arguments and file names with the locale's
 * charset ({@code sun.jnu.encoding}); a name whose bytes that charset cannot decode (UTF-8 bytes
 * under the POSIX locale's ASCII, Latin-1 bytes under UTF-8) arrives with U+FFFD in place of those
 * bytes and can be neither opened nor found. Such a name is refused on one line that says why and
 * what to do, instead of a Java exception or "file not found". The launcher runs the JVM under
 * {@code C.UTF-8} when the locale is C or POSIX, so UTF-8 names work there.
 */
final class FileNames {
  private FileNames() {}

  /** The charset the JVM reads file names in. */
  static String charset() {
    String jnu = System.getProperty("sun.jnu.encoding");
    return jnu != null ? jnu : Charset.defaultCharset().name();
  }

  /** Whether {@code text} lost bytes the file-name charset could not decode. */
  static boolean undecodable(String text) {
    return text.indexOf('\uFFFD') >= 0;
  }

  /** The message for a name that cannot be used. */
  static String refusal(String text) {
    return "the file name '"
        + text.replace('\uFFFD', '?')
        + "' has bytes this system's file-name encoding ("
        + charset()
        + ") cannot read; rename the file to UTF-8 (e.g. convmv -f latin1 -t utf-8)"
        + (charset().replace("-", "").equalsIgnoreCase("UTF8")
            ? ""
            : " or run under a UTF-8 locale (LC_ALL=C.UTF-8)");
  }

  /**
   * {@code text} as a path.
   *
   * @throws Refused when the name cannot be read or is not a valid path here
   */
  static Path parse(String text) {
    if (undecodable(text)) {
      throw new Refused(refusal(text));
    }
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new Refused("'" + text + "' is not a valid file name here: " + e.getReason());
    }
  }

  /** A file name refused: a usage error shown on one line. */
  static final class Refused extends CommandLine.TypeConversionException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }
}
