package dev.assay.installer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes Job and the pipeline templates users copy (installer/kubernetes,
 * installer/pipelines): the Job's fields are checked and its arguments run as a CLI call; the
 * GitLab job's and the Jenkins stage's shell steps are run as written, with {@code assay} on the
 * PATH, against the sample model, and their JUnit XML is where they publish it from.
 */
class PipelineTemplatesTest {
  private static final Path REPO = Path.of(System.getProperty("assay.repo.root", "."));
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path dir;
  private Path work;
  private Path bin;

  @BeforeEach
  void assayOnThePath() throws IOException {
    work = Files.createDirectories(dir.resolve("work"));
    Files.createSymbolicLink(work.resolve("models"), REPO.resolve("models").toAbsolutePath());
    bin = Files.createDirectories(dir.resolve("bin"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path assay = bin.resolve("assay");
    Files.writeString(
        assay,
        "#!/bin/sh\nexec '"
            + java
            + "' -Xmx512m --enable-native-access=ALL-UNNAMED"
            + " --sun-misc-unsafe-memory-access=allow -cp '"
            + System.getProperty("java.class.path")
            + "' dev.assay.Assay \"$@\"\n");
    assertThat(assay.toFile().setExecutable(true)).isTrue();
  }

  @Test
  void gateJobNeverRetriesTheGatesVerdictAndWritesOnlyToItsTmpVolume() throws Exception {
    JsonNode job = YAML.readTree(REPO.resolve("installer/kubernetes/assay-gate-job.yaml").toFile());

    assertThat(job.path("apiVersion").asText()).isEqualTo("batch/v1");
    assertThat(job.path("kind").asText()).isEqualTo("Job");
    JsonNode spec = job.path("spec");
    assertThat(spec.path("backoffLimit").isInt()).isTrue();
    assertThat(spec.path("backoffLimit").asInt()).isBetween(0, 5);
    assertThat(spec.path("activeDeadlineSeconds").asInt()).isPositive();
    JsonNode pod = spec.path("template").path("spec");
    assertThat(pod.path("restartPolicy").asText()).isEqualTo("Never");
    assertThat(pod.path("containers")).hasSize(1);
    JsonNode container = pod.path("containers").get(0);
    String name = container.path("name").asText();

    JsonNode failJob =
        StreamSupport.stream(spec.path("podFailurePolicy").path("rules").spliterator(), false)
            .filter(rule -> rule.path("action").asText().equals("FailJob"))
            .findFirst()
            .orElseThrow();
    JsonNode onExitCodes = failJob.path("onExitCodes");
    assertThat(onExitCodes.path("containerName").asText()).isEqualTo(name);
    assertThat(onExitCodes.path("operator").asText()).isEqualTo("In");
    assertThat(ints(onExitCodes.path("values")))
        .as("the gate failed (4), refused input (1), usage error (2)")
        .containsExactlyInAnyOrder(1, 2, 4);

    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("securityContext").path("runAsUser").asInt())
        .as("the image's user (ImageRoot.UID)")
        .isEqualTo(10001);
    assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean())
        .isTrue();
    assertThat(container.path("image").asText()).startsWith("assay:");
    String tmpVolume =
        StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
            .filter(m -> m.path("mountPath").asText().equals("/tmp"))
            .map(m -> m.path("name").asText())
            .findFirst()
            .orElseThrow();
    assertThat(
            StreamSupport.stream(pod.path("volumes").spliterator(), false)
                .filter(v -> v.path("name").asText().equals(tmpVolume))
                .findFirst()
                .orElseThrow()
                .has("emptyDir"))
        .isTrue();

    // its arguments are a valid gate: run them on the sample with the volumes mapped to folders
    List<String> args = new ArrayList<>();
    container.path("args").forEach(a -> args.add(a.asText()));
    assertThat(args).contains("eval", "--fail-if", "--junit");
    List<String> command = new ArrayList<>(List.of(bin.resolve("assay").toString()));
    for (String arg : args) {
      command.add(
          arg.replace("/inputs/model.onnx", "models/hmda-deny-v2.onnx")
              .replace("/inputs/test.csv", "models/data/hmda_test.csv")
              .replace("/tmp/", dir + "/"));
    }
    Run run = run(command, Map.of("ASSAY_HOME", dir.resolve("home").toString()));
    assertThat(run.code()).as(run.output()).isZero();
    assertThat(Files.readString(dir.resolve("assay-gate.xml"))).contains("<testsuite");
  }

  @Test
  void gitlabJobRunsTheGateAndPublishesItsJunitXml() throws Exception {
    JsonNode job = YAML.readTree(REPO.resolve("installer/pipelines/gitlab-ci.yml").toFile());
    JsonNode gate = job.path("assay-gate");

    Run run = runGitlab(gate, Map.of());

    assertThat(run.code()).as(run.output()).isZero();
    String junit = gate.path("artifacts").path("reports").path("junit").asText();
    assertThat(gate.path("artifacts").path("when").asText()).isEqualTo("always");
    assertThat(Files.readString(work.resolve(junit)))
        .contains("<testsuite", "roc_auc &lt; 0.75")
        .doesNotContain("<failure");
    assertThat(work.resolve(gate.path("artifacts").path("paths").get(0).asText())).isRegularFile();
  }

  @Test
  void gitlabJobFailsWithExitCodeFourWhenTheGateFailsAndStillWritesTheJunitXml() throws Exception {
    JsonNode gate =
        YAML.readTree(REPO.resolve("installer/pipelines/gitlab-ci.yml").toFile())
            .path("assay-gate");

    Run run = runGitlab(gate, Map.of("GATE", "roc_auc < 0.99"));

    assertThat(run.code()).as(run.output()).isEqualTo(4);
    assertThat(Files.readString(work.resolve(gate.at("/artifacts/reports/junit").asText())))
        .contains("<failure");
  }

  @Test
  void jenkinsStageRunsTheGateAndPublishesItsJunitXml() throws Exception {
    String jenkinsfile =
        Files.readString(REPO.resolve("installer/pipelines/Jenkinsfile"), StandardCharsets.UTF_8);
    Map<String, String> env = new LinkedHashMap<>();
    Matcher block =
        Pattern.compile("environment \\{(.*?)\n\\s*\\}", Pattern.DOTALL).matcher(jenkinsfile);
    assertThat(block.find()).isTrue();
    Matcher entry = Pattern.compile("(\\w+) = (?:'([^']*)'|\"([^\"]*)\")").matcher(block.group(1));
    while (entry.find()) {
      String value = entry.group(2) != null ? entry.group(2) : entry.group(3);
      env.put(entry.group(1), value.replace("${env.WORKSPACE}", work.toString()));
    }
    assertThat(env).containsKeys("ASSAY", "MODEL", "DATA", "TARGET", "GATE");
    Matcher sh = Pattern.compile("sh '''(.*?)'''", Pattern.DOTALL).matcher(jenkinsfile);
    assertThat(sh.find()).isTrue();
    Matcher junit = Pattern.compile("junit testResults: '([^']+)'").matcher(jenkinsfile);
    assertThat(junit.find()).isTrue();

    Run run = run(List.of("bash", "-ec", sh.group(1)), env);

    assertThat(run.code()).as(run.output()).isZero();
    assertThat(Files.readString(work.resolve(junit.group(1))))
        .contains("<testsuite", "roc_auc &lt; 0.75")
        .doesNotContain("<failure");
  }

  /** The job's script lines, one bash with -e as GitLab's runner does, with its variables. */
  private Run runGitlab(JsonNode gate, Map<String, String> overrides) throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    gate.path("variables")
        .properties()
        .forEach(
            v ->
                env.put(
                    v.getKey(), v.getValue().asText().replace("$CI_PROJECT_DIR", work.toString())));
    env.putAll(overrides);
    StringBuilder script = new StringBuilder();
    gate.path("script").forEach(line -> script.append(line.asText()).append('\n'));
    return run(List.of("bash", "-ec", script.toString()), env);
  }

  private record Run(int code, String output) {}

  private Run run(List<String> command, Map<String, String> env) throws Exception {
    Path log = dir.resolve("run.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    builder.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished within 120 s").isTrue();
    return new Run(process.exitValue(), Files.readString(log));
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asInt()));
    return values;
  }
}
