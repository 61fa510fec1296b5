package dev.assay.cli;

import dev.assay.core.review.Role;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code assay roles ...}: analyst and reviewer roles of OS users. */
@Command(
    name = "roles",
    description = "Show and grant roles (analyst, reviewer).",
    mixinStandardHelpOptions = true)
final class RolesCommand implements Runnable {
  private final AssayCommand root;

  RolesCommand(AssayCommand root) {
    this.root = root;
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "choose a command: list or grant");
  }

  @Command(
      name = "list",
      description = "Users with an explicit role (everyone else is an analyst).")
  int list() {
    Map<String, Role> roles = root.workbench().reviews().roles();
    String me = root.workbench().reviews().currentUser();
    root.context().out().printf("you are %s (%s)%n", me, root.workbench().reviews().role(me).id());
    roles.forEach((user, role) -> root.context().out().printf("%-24s %s%n", user, role.id()));
    return 0;
  }

  @Command(
      name = "grant",
      description =
          "Grant a role. The first reviewer may be granted by anyone; later, reviewers only.")
  int grant(
      @Parameters(paramLabel = "USER", description = "OS user name") String user,
      @Option(names = "--role", required = true, paramLabel = "analyst|reviewer") String role) {
    root.workbench().reviews().grant(user, Role.of(role));
    root.context().out().printf("%s is now %s%n", user, Role.of(role).id());
    return 0;
  }
}
