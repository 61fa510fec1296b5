package dev.assay.core.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCodecTest {
  @TempDir Path dir;

  private static NumericSample normal(String name, long seed, int n, double shift, int missing) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double u = 1 - random.nextDouble();
      v[i] =
          Math.rint(
                  1e3
                      * (shift
                          + Math.sqrt(-2 * Math.log(u))
                              * Math.cos(2 * Math.PI * random.nextDouble())))
              / 1e3;
    }
    return NumericSample.of(name, v, n, missing, 2);
  }

  private static List<FeatureSample> samples(long seed, double shift) {
    return List.of(
        normal("x", seed, 30_000, shift, 40),
        normal("y", seed + 1, 5_000, 0, 0),
        new CategoricalSample(
            "c", Map.of("a", 100L + (long) (shift * 400), "b", 250L, "ü ñ", 7L), 3),
        NumericSample.of("empty", new double[0], 0, 12, 0));
  }

  @Test
  void aWrittenProfileReadsBackExactlyAndGivesTheSameVerdictsAsTheSamples() throws Exception {
    DriftSettings settings = DriftSettings.DEFAULTS;
    ReferenceProfile profile = ReferenceProfile.of(35_000, samples(1, 0), settings);
    Path file = dir.resolve("p.profile");
    ProfileCodec.write(profile, file);
    ReferenceProfile read = ProfileCodec.read(file, null);
    assertThat(read.rows()).isEqualTo(35_000);
    assertThat(read.features()).hasSize(4);
    NumericSample x = (NumericSample) read.feature("x").orElseThrow();
    NumericSample original = (NumericSample) profile.feature("x").orElseThrow();
    assertThat(x.count()).isEqualTo(30_000);
    assertThat(x.missing()).isEqualTo(40);
    assertThat(x.nonFinite()).isEqualTo(2);
    assertThat(java.util.Arrays.copyOf(x.sorted(), x.count()))
        .containsExactly(java.util.Arrays.copyOf(original.sorted(), original.count()));
    assertThat(read.feature("c").orElseThrow()).isEqualTo(profile.feature("c").orElseThrow());
    assertThat(read.calibrations().keySet()).containsExactlyInAnyOrder("x", "y");
    assertThat(read.calibrations().get("x").scaled())
        .containsExactly(profile.calibrations().get("x").scaled());

    List<FeatureSample> current = samples(7, 0.2);
    List<DriftAnalysis.Compared> fromSamples = new ArrayList<>();
    List<DriftAnalysis.Compared> fromFile = new ArrayList<>();
    for (int i = 0; i < current.size(); i++) {
      FeatureSample r = samples(1, 0).get(i);
      fromSamples.add(DriftAnalysis.compare(r, current.get(i), settings));
      fromFile.add(
          DriftAnalysis.compare(
              read.feature(r.name()).orElseThrow(),
              current.get(i),
              settings,
              read.calibrations().get(r.name())));
    }
    assertThat(DriftAnalysis.decide(fromFile, settings))
        .isEqualTo(DriftAnalysis.decide(fromSamples, settings));
    assertThat(DriftAnalysis.decide(fromFile, settings).drifted()).contains("x", "c");
  }

  @Test
  void aCalibrationDrawnUnderOtherSettingsIsNotUsed() {
    NumericSample x = normal("x", 1, 2_000, 0, 0);
    ThresholdCalibration stored = ThresholdCalibration.of(x, DriftSettings.DEFAULTS);
    DriftSettings other = DriftSettings.DEFAULTS.withSeed(7);
    assertThat(stored.fits(DriftSettings.DEFAULTS)).isTrue();
    assertThat(stored.fits(other)).isFalse();
    assertThat(stored.fits(DriftSettings.DEFAULTS.withResamples(50))).isFalse();
    NumericSample cur = normal("x", 2, 2_000, 0, 0);
    assertThat(DriftAnalysis.compare(x, cur, other, stored))
        .isEqualTo(DriftAnalysis.compare(x, cur, other));
  }

  @Test
  void onlyTheNamedColumnsAreReadAndAnUnknownOneIsRefusedByName() throws Exception {
    Path file = dir.resolve("p.profile");
    ProfileCodec.write(ReferenceProfile.of(35_000, samples(1, 0), DriftSettings.DEFAULTS), file);
    ReferenceProfile read = ProfileCodec.read(file, List.of("c", "y"));
    assertThat(read.features()).extracting(FeatureSample::name).containsExactly("c", "y");
    assertThatThrownBy(() -> ProfileCodec.read(file, List.of("nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column 'nope' is not in the drift profile");
  }

  @Test
  void aChangedByteOrATruncatedFileIsRefusedNamingTheColumn() throws Exception {
    Path file = dir.resolve("p.profile");
    ProfileCodec.write(ReferenceProfile.of(35_000, samples(1, 0), DriftSettings.DEFAULTS), file);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {42}), 12 + 20 + 8 * 100);
    }
    assertThatThrownBy(() -> ProfileCodec.read(file, null))
        .isInstanceOf(ProfileCodec.DamagedException.class)
        .hasMessage("the drift profile p.profile was changed outside Assay (column 'x')");
    assertThat(ProfileCodec.read(file, List.of("y")).features()).hasSize(1);

    Path cut = dir.resolve("cut.profile");
    ProfileCodec.write(ReferenceProfile.of(35_000, samples(1, 0), DriftSettings.DEFAULTS), cut);
    byte[] bytes = Files.readAllBytes(cut);
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> ProfileCodec.read(cut, null))
        .isInstanceOf(ProfileCodec.DamagedException.class)
        .hasMessageContaining("cut.profile is truncated");
    Path other = dir.resolve("other.profile");
    Files.writeString(other, "income,age\n1,2\n3,4\n5,6\n");
    assertThatThrownBy(() -> ProfileCodec.read(other, null))
        .isInstanceOf(ProfileCodec.DamagedException.class)
        .hasMessage("the drift profile other.profile is not a profile of this version");
  }
}
