package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The desktop start's arguments, recognised before (and without) picocli. */
class DesktopArgumentsTest {

  @Test
  void noArgumentsOpenTheDesktopOnTheDefaultWorkbench() {
    assertThat(DesktopArguments.parse()).contains(new DesktopArguments(null, false));
  }

  @Test
  void homeAndStartupCheckInEitherOrderAndBothSpellings() {
    assertThat(DesktopArguments.parse("--home", "/w", "--startup-check"))
        .contains(new DesktopArguments(Path.of("/w"), true));
    assertThat(DesktopArguments.parse("--startup-check", "--home=/w"))
        .contains(new DesktopArguments(Path.of("/w"), true));
    assertThat(DesktopArguments.parse("--home", "w"))
        .contains(new DesktopArguments(Path.of("w"), false));
  }

  @Test
  void everythingElseIsLeftToPicocli() {
    assertThat(DesktopArguments.parse("models", "list")).isEmpty();
    assertThat(DesktopArguments.parse("--home", "/w", "eval")).isEmpty();
    assertThat(DesktopArguments.parse("--version")).isEmpty();
    assertThat(DesktopArguments.parse("--help")).isEmpty();
    assertThat(DesktopArguments.parse("--home")).isEmpty();
    assertThat(DesktopArguments.parse("--home", "--startup-check")).isEmpty();
    assertThat(DesktopArguments.parse("--home=")).isEmpty();
    assertThat(DesktopArguments.parse("--home", "/a", "--home", "/b")).isEmpty();
    assertThat(DesktopArguments.parse("--startup-check", "--startup-check")).isEmpty();
    assertThat(DesktopArguments.parse("--startup")).isEmpty();
  }
}
