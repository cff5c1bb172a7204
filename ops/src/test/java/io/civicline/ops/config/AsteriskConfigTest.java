package io.civicline.ops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.signaling.asterisk.calls.AsteriskSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsteriskConfigTest {
  static final String REDIS = "redis://127.0.0.1:6390";

  @Test
  void theAsteriskChannelIsOffUntilAnAgiPortIsSet() {
    assertThat(ConfigLoader.load(Map.of("CIVICLINE_REDIS_URL", REDIS)).config().asterisk())
        .isEmpty();
  }

  @Test
  void anAgiPortTurnsItOnWithDefaultsForTheRest() {
    CivicLineConfig.Asterisk asterisk =
        ConfigLoader.load(
                Map.of("CIVICLINE_REDIS_URL", REDIS, "CIVICLINE_ASTERISK_AGI_PORT", "4573"))
            .config()
            .asterisk()
            .orElseThrow();

    assertThat(asterisk.agiPort()).isEqualTo(4573);
    assertThat(asterisk.agiHost()).isEqualTo("127.0.0.1");
    assertThat(asterisk.maxCalls()).isEqualTo(500);
    assertThat(asterisk.calls().spoolDir()).isEqualTo(Path.of("var/asterisk-spool"));
    assertThat(asterisk.calls().asteriskSpoolDir()).isEqualTo("/var/spool/civicline");
    assertThat(asterisk.calls().ttsCommand()).isEqualTo(AsteriskSettings.DEFAULT_TTS);
  }

  @Test
  void theTextToSpeechCommandIsAJsonArrayOrWords() {
    assertThat(
            ConfigLoader.load(
                    Map.of(
                        "CIVICLINE_REDIS_URL", REDIS,
                        "CIVICLINE_ASTERISK_AGI_PORT", "4573",
                        "CIVICLINE_ASTERISK_TTS_COMMAND",
                            "[\"pico2wave\", \"-l\", \"{language}\", \"-w\", \"{output}\", \"{text}\"]"))
                .config()
                .asterisk()
                .orElseThrow()
                .calls()
                .ttsCommand())
        .containsExactly("pico2wave", "-l", "{language}", "-w", "{output}", "{text}");
    assertThat(
            ConfigLoader.load(
                    Map.of(
                        "CIVICLINE_REDIS_URL", REDIS,
                        "CIVICLINE_ASTERISK_AGI_PORT", "4573",
                        "CIVICLINE_ASTERISK_TTS_COMMAND", "flite -t {text} -o {output}"))
                .config()
                .asterisk()
                .orElseThrow()
                .calls()
                .ttsCommand())
        .containsExactly("flite", "-t", "{text}", "-o", "{output}");
  }

  @Test
  void asteriskServersNameTheirTownsAndShareOneSecretThatNeverShows() {
    CivicLineConfig.Asterisk asterisk =
        ConfigLoader.load(
                Map.of(
                    "CIVICLINE_REDIS_URL", REDIS,
                    "CIVICLINE_ASTERISK_AGI_PORT", "4573",
                    "CIVICLINE_ASTERISK_SERVERS",
                        "pbx1=10.20.0.21:5038;towns=lakeside,riverton pbx2=pbx2.county.internal:5038;towns=oakdale",
                    "CIVICLINE_ASTERISK_AMI_SECRET", "s3cret-ami"))
            .config()
            .asterisk()
            .orElseThrow();

    assertThat(asterisk.amiServers())
        .extracting(s -> s.name(), s -> s.host(), s -> s.port(), s -> s.tenants())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "pbx1", "10.20.0.21", 5038, java.util.List.of("lakeside", "riverton")),
            org.assertj.core.groups.Tuple.tuple(
                "pbx2", "pbx2.county.internal", 5038, java.util.List.of("oakdale")));
    assertThat(asterisk.amiServers().get(0).username()).isEqualTo("civicline");
    assertThat(asterisk.amiServers().get(0).secret().reveal()).isEqualTo("s3cret-ami");
    assertThat(asterisk.toString()).doesNotContain("s3cret-ami");
    assertThat(asterisk.agiPeers()).containsExactly("10.20.0.21", "pbx2.county.internal");
  }

  @Test
  void fastAgiPeersCanBeListedWithoutAmi() {
    CivicLineConfig.Asterisk asterisk =
        ConfigLoader.load(
                Map.of(
                    "CIVICLINE_REDIS_URL", REDIS,
                    "CIVICLINE_ASTERISK_AGI_PORT", "4573",
                    "CIVICLINE_ASTERISK_AGI_ALLOW", "10.20.0.21, 10.20.0.22 pbx3.internal"))
            .config()
            .asterisk()
            .orElseThrow();

    assertThat(asterisk.agiPeers()).containsExactly("10.20.0.21", "10.20.0.22", "pbx3.internal");
  }

  @Test
  void asteriskServersNeedASecretAndAReadableShape() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Map.of(
                        "CIVICLINE_REDIS_URL", REDIS,
                        "CIVICLINE_ASTERISK_AGI_PORT", "4573",
                        "CIVICLINE_ASTERISK_SERVERS", "pbx1=10.20.0.21:5038")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).contains("asterisk.amiSecret is required")));
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Map.of(
                        "CIVICLINE_REDIS_URL", REDIS,
                        "CIVICLINE_ASTERISK_AGI_PORT", "4573",
                        "CIVICLINE_ASTERISK_AMI_SECRET", "x",
                        "CIVICLINE_ASTERISK_SERVERS",
                            "pbx1=10.20.0.21:5038 pbx2=h:1;towns=Lake_Side")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p -> assertThat(p).contains("'pbx1=10.20.0.21:5038' must look like"))
                    .anySatisfy(p -> assertThat(p).contains("'pbx2=h:1;towns=Lake_Side'")));
  }

  @Test
  void badAsteriskSettingsAreReportedTogether() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Map.of(
                        "CIVICLINE_REDIS_URL", REDIS,
                        "CIVICLINE_ASTERISK_AGI_PORT", "70000",
                        "CIVICLINE_ASTERISK_SPOOL_DIR_ON_ASTERISK", "spool",
                        "CIVICLINE_ASTERISK_HOLD_SECONDS", "1",
                        "CIVICLINE_ASTERISK_TTS_COMMAND", "espeak-ng {text}")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).contains("asterisk.agiPort: 70000"))
                    .anySatisfy(p -> assertThat(p).contains("asterisk.spoolDirOnAsterisk"))
                    .anySatisfy(p -> assertThat(p).contains("asterisk.holdSeconds: 1"))
                    .anySatisfy(p -> assertThat(p).contains("must contain {output}")));
  }

  @Test
  void theServerRefusesToStartWhenPromptsCannotBeSpoken() {
    CivicLineConfig config =
        ConfigLoader.load(
                Map.of(
                    "CIVICLINE_REDIS_URL", REDIS,
                    "CIVICLINE_ASTERISK_AGI_PORT", "0",
                    "CIVICLINE_ASTERISK_TTS_COMMAND", "no-such-tts-engine {text} {output}"))
            .config();

    assertThatThrownBy(
            () ->
                io.civicline.ops.CivicLineServer.start(config, Clock.systemUTC())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS))
        .hasRootCauseInstanceOf(IllegalStateException.class)
        .rootCause()
        .hasMessageContaining("'no-such-tts-engine' was not found")
        .hasMessageContaining("CIVICLINE_ASTERISK_TTS_COMMAND");
  }
}
