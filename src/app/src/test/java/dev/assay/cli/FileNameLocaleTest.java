package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.Assay;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * File names in encodings the JVM cannot read under the current locale are refused on one line
 * (exit 2), never an exception or "file not found"; UTF-8 names work under a UTF-8 locale, which
 * the launcher chooses when the locale is C or POSIX. Names are made and passed as raw bytes by a
 * shell, in child processes.
 */
class FileNameLocaleTest {
  private static final String UTF8_NAME = "d\\303\\251j\\303\\240.csv";
  private static final String LATIN1_NAME = "latin\\351.csv";

  @TempDir Path dir;

  record Result(int code, String output) {}

  /** Runs {@code assay datasets import NAME} under {@code locale}, the name given as bytes. */
  private Result importUnder(String locale, String printfName) throws Exception {
    Files.writeString(dir.resolve("data.csv"), "a,b,y\n1,2,1\n-1,-2,0\n");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String script =
        "name=\"$(printf '"
            + printfName
            + "')\"; cp data.csv \"$name\"; exec \""
            + java
            + "\" -cp \"$CP\" "
            + Assay.class.getName()
            + " datasets import \"$name\" --home home";
    ProcessBuilder builder =
        new ProcessBuilder("/bin/sh", "-c", script)
            .directory(dir.toFile())
            .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", "/usr/bin:/bin");
    builder.environment().put("LC_ALL", locale);
    builder.environment().put("CP", System.getProperty("java.class.path"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> lines = output.lines().filter(l -> !l.startsWith("WARNING:")).toList();
    return new Result(process.exitValue(), String.join("\n", lines));
  }

  @ParameterizedTest(name = "{1} under LC_ALL={0}")
  @CsvSource({"C, utf-8", "C, latin-1", "C.UTF-8, latin-1"})
  void aNameTheLocaleCannotReadIsRefusedOnOneLine(String locale, String encoding) throws Exception {
    Result result = importUnder(locale, encoding.equals("utf-8") ? UTF8_NAME : LATIN1_NAME);

    assertThat(result.code()).as(result.output()).isEqualTo(2);
    assertThat(result.output().lines().toList())
        .singleElement()
        .asString()
        .startsWith("assay: the file name '")
        .contains("cannot read; rename the file to UTF-8")
        .doesNotContain("Exception", "not found");
  }

  @Test
  void aUtf8NameWorksUnderAUtf8Locale() throws Exception {
    Result result = importUnder("C.UTF-8", UTF8_NAME);

    assertThat(result.code()).as(result.output()).isZero();
    assertThat(result.output()).contains("imported").contains("(2 rows, 3 columns");
  }

  @ParameterizedTest(name = "LC_ALL={0}")
  @CsvSource({
    "C, C.UTF-8",
    "POSIX, C.UTF-8",
    "'', C.UTF-8",
    "C.UTF-8, C.UTF-8",
    "en_US.ISO-8859-1, en_US.ISO-8859-1"
  })
  void theLauncherRunsTheJvmUnderCUtf8WhenTheLocaleIsCOrPosix(String locale, String expected)
      throws Exception {
    Path fakeJdk = dir.resolve("jdk");
    Files.createDirectories(fakeJdk.resolve("bin"));
    Files.writeString(fakeJdk.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
    Path fakeJava = fakeJdk.resolve("bin").resolve("java");
    Files.writeString(fakeJava, "#!/bin/sh\necho \"LC_ALL=$LC_ALL\"\n");
    Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path launcher = Path.of("src/app/src/dist/bin/assay").toAbsolutePath();
    ProcessBuilder builder =
        new ProcessBuilder("/bin/bash", launcher.toString(), "datasets", "list")
            .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", "/usr/bin:/bin");
    builder.environment().put("HOME", dir.toString());
    builder.environment().put("ASSAY_JAVA_HOME", fakeJdk.toString());
    if (!locale.isEmpty()) {
      builder.environment().put("LC_ALL", locale);
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    // bash warns about a locale this machine lacks; the launcher leaves such a choice alone
    assertThat(output.lines().filter(l -> l.startsWith("LC_ALL=")).toList())
        .containsExactly("LC_ALL=" + expected);
  }
}
