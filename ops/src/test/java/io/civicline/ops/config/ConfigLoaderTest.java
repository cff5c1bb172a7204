package io.civicline.ops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.redis.RedisSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void defaultsThenFileThenEnvironment() throws IOException {
    Path file = dir.resolve("civicline.properties");
    Files.writeString(file, "http.port=9000\nhttp.maxBodyBytes=2048\ndemo.seed=true\n");

    CivicLineConfig config =
        ConfigLoader.load(
                Map.of(
                    "CIVICLINE_CONFIG", file.toString(),
                    "CIVICLINE_HTTP_PORT", "9100",
                    "CIVICLINE_REDIS_URL", "redis://127.0.0.1:6390"))
            .config();

    assertThat(config.http().port()).isEqualTo(9100); // environment beats file
    assertThat(config.http().maxBodyBytes()).isEqualTo(2048); // file beats defaults
    assertThat(config.http().host()).isEqualTo("0.0.0.0"); // defaults
    assertThat(config.demoSeed()).isTrue();
    assertThat(config.redis().mode()).isEqualTo(RedisSettings.Mode.STANDALONE);
    assertThat(config.redis().endpoints()).containsExactly("redis://127.0.0.1:6390");
    assertThat(config.admin().tokenFile()).isEqualTo(Path.of("var/platform-admin.token"));
  }

  @Test
  void reportsEveryProblemAtOnce() throws IOException {
    Path file = dir.resolve("bad.properties");
    Files.writeString(file, "http.prot=9000\nredis.password=hunter2\n");

    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Map.of(
                        "CIVICLINE_CONFIG", file.toString(),
                        "CIVICLINE_HTTP_PORT", "eighty",
                        "CIVICLINE_DEMO_SEED", "maybe",
                        "CIVICLINE_REDIS_MODE", "sentinel")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).contains("unknown setting 'http.prot'"))
                    .anySatisfy(p -> assertThat(p).contains("'redis.password' is a secret"))
                    .anySatisfy(p -> assertThat(p).contains("http.port: 'eighty'"))
                    .anySatisfy(p -> assertThat(p).contains("demo.seed: 'maybe'"))
                    .anySatisfy(p -> assertThat(p).contains("redis.url is required"))
                    .allSatisfy(p -> assertThat(p).doesNotContain("hunter2")));
  }

  @Test
  void secretsComeFromTheEnvironmentOrAFileAndNeverShow() throws IOException {
    Path secret = dir.resolve("redis-password");
    Files.writeString(secret, "s3cret-from-file\n");
    CivicLineConfig fromFile =
        ConfigLoader.load(
                Map.of(
                    "CIVICLINE_REDIS_URL",
                    "redis://127.0.0.1:6390",
                    "CIVICLINE_REDIS_PASSWORD_FILE",
                    secret.toString()))
            .config();
    assertThat(fromFile.redis().password().orElseThrow().reveal()).isEqualTo("s3cret-from-file");
    assertThat(fromFile.toString()).doesNotContain("s3cret");

    CivicLineConfig fromEnv =
        ConfigLoader.load(
                Map.of(
                    "CIVICLINE_REDIS_URL", "redis://127.0.0.1:6390",
                    "CIVICLINE_REDIS_PASSWORD", "s3cret-from-env"))
            .config();
    assertThat(fromEnv.redis().password().orElseThrow().reveal()).isEqualTo("s3cret-from-env");
    assertThat(fromEnv.toString()).doesNotContain("s3cret");
  }

  @Test
  void unknownEnvironmentVariablesAreWarnedAboutNotFatal() {
    ConfigLoader.Loaded loaded =
        ConfigLoader.load(
            Map.of("CIVICLINE_REDIS_URL", "redis://127.0.0.1:6390", "CIVICLINE_HTTP_PROT", "1"));
    assertThat(loaded.warnings())
        .containsExactly("ignoring unknown environment variable CIVICLINE_HTTP_PROT");
  }

  @Test
  void sentinelAndClusterAreSelectable() {
    CivicLineConfig sentinel =
        ConfigLoader.load(
                Map.of(
                    "CIVICLINE_REDIS_URL", "redis://10.0.0.1:26379, redis://10.0.0.2:26379",
                    "CIVICLINE_REDIS_MODE", "sentinel",
                    "CIVICLINE_REDIS_MASTER_NAME", "civicline"))
            .config();
    assertThat(sentinel.redis().mode()).isEqualTo(RedisSettings.Mode.SENTINEL);
    assertThat(sentinel.redis().endpoints()).hasSize(2);
    assertThat(sentinel.redis().masterName()).contains("civicline");

    CivicLineConfig cluster =
        ConfigLoader.load(
                Map.of(
                    "CIVICLINE_REDIS_URL",
                    "redis://10.0.0.1:7000",
                    "CIVICLINE_REDIS_MODE",
                    "cluster"))
            .config();
    assertThat(cluster.redis().mode()).isEqualTo(RedisSettings.Mode.CLUSTER);
  }

  @Test
  void environmentNamesFollowTheKeys() {
    assertThat(ConfigLoader.envName("admin.tokenFile")).isEqualTo("CIVICLINE_ADMIN_TOKEN_FILE");
    assertThat(ConfigLoader.envName("http.maxBodyBytes"))
        .isEqualTo("CIVICLINE_HTTP_MAX_BODY_BYTES");
  }

  private static final Map<String, String> TWILIO =
      Map.of(
          "CIVICLINE_REDIS_URL", "redis://127.0.0.1:6390",
          "CIVICLINE_TWILIO_ACCOUNT_SID", "AC" + "0123456789abcdef".repeat(2),
          "CIVICLINE_TWILIO_AUTH_TOKEN", "auth-token",
          "CIVICLINE_TWILIO_PUBLIC_BASE_URL", "https://phones.example");

  @Test
  void inAppCallingIsOnWithAnApiKey() {
    Map<String, String> env = new java.util.HashMap<>(TWILIO);
    assertThat(ConfigLoader.load(env).config().twilio().orElseThrow().voiceSdk()).isEmpty();
    env.put("CIVICLINE_TWILIO_API_KEY_SID", "SK" + "fedcba9876543210".repeat(2));
    env.put("CIVICLINE_TWILIO_API_KEY_SECRET", "s".repeat(32));
    env.put("CIVICLINE_TWILIO_TWIML_APP_SID", "AP" + "00112233445566778899aabbccddeeff");
    env.put("CIVICLINE_TWILIO_VOICE_TOKEN_MINUTES", "30");
    var sdk = ConfigLoader.load(env).config().twilio().orElseThrow().voiceSdk().orElseThrow();
    assertThat(sdk.apiKeySid()).startsWith("SK");
    assertThat(sdk.apiKeySecret().reveal()).isEqualTo("s".repeat(32));
    assertThat(sdk.twimlAppSid()).contains("AP00112233445566778899aabbccddeeff");
    assertThat(sdk.tokenLifetime()).isEqualTo(java.time.Duration.ofMinutes(30));
    assertThat(sdk.toString()).doesNotContain("s".repeat(32));
  }

  @Test
  void inAppCallingProblemsAreNamed() {
    Map<String, String> env = new java.util.HashMap<>(TWILIO);
    env.put("CIVICLINE_TWILIO_API_KEY_SID", "AC123");
    env.put("CIVICLINE_TWILIO_TWIML_APP_SID", "nope");
    assertThatThrownBy(() -> ConfigLoader.load(env))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).startsWith("twilio.apiKeySid: must be 'SK'"))
                    .anySatisfy(p -> assertThat(p).startsWith("twilio.apiKeySecret is required"))
                    .anySatisfy(p -> assertThat(p).startsWith("twilio.twimlAppSid: must be 'AP'")));
    Map<String, String> secretOnly = new java.util.HashMap<>(TWILIO);
    secretOnly.put("CIVICLINE_TWILIO_API_KEY_SECRET", "s".repeat(32));
    assertThatThrownBy(() -> ConfigLoader.load(secretOnly))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).startsWith("twilio.apiKeySid is required")));
  }

  @Test
  void firebaseTakesAServiceAccountKeyFileOrAFixedToken() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + java.util.Base64.getMimeEncoder()
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Path keyFile = dir.resolve("service-account.json");
    Files.writeString(
        keyFile,
        new io.vertx.core.json.JsonObject()
            .put("type", "service_account")
            .put("client_email", "push@app.iam.gserviceaccount.com")
            .put("private_key", pem)
            .encode());
    Map<String, String> env = new java.util.HashMap<>();
    env.put("CIVICLINE_REDIS_URL", "redis://127.0.0.1:6390");
    env.put("CIVICLINE_PUSH_FCM_PROJECT_ID", "lakeside-app");
    env.put("CIVICLINE_PUSH_FCM_SERVICE_ACCOUNT_FILE", keyFile.toString());
    var push = ConfigLoader.load(env).config().push();
    assertThat(push.fcmServiceAccount().orElseThrow().clientEmail())
        .isEqualTo("push@app.iam.gserviceaccount.com");
    assertThat(push.fcmServiceAccount().orElseThrow().tokenUri())
        .isEqualTo("https://oauth2.googleapis.com/token");

    env.put("CIVICLINE_PUSH_FCM_ACCESS_TOKEN", "ya29.x");
    assertThatThrownBy(() -> ConfigLoader.load(env))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("give one")));
    env.remove("CIVICLINE_PUSH_FCM_ACCESS_TOKEN");
    Files.writeString(keyFile, "{\"type\":\"service_account\"}");
    assertThatThrownBy(() -> ConfigLoader.load(env))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("push.fcmServiceAccount: client_email is missing")));
  }

  @Test
  void trustedProxiesAreAddressesOrBlocks() {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("CIVICLINE_REDIS_URL", "redis://127.0.0.1:6390");
    assertThat(ConfigLoader.load(env).config().http().trustedProxies()).isEmpty();
    env.put("CIVICLINE_HTTP_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7");
    assertThat(ConfigLoader.load(env).config().http().trustedProxies())
        .containsExactly("10.0.0.0/8", "192.0.2.7");
    env.put("CIVICLINE_HTTP_TRUSTED_PROXIES", "10.0.0.0/8, lb.internal");
    assertThatThrownBy(() -> ConfigLoader.load(env))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .contains("http.trustedProxies: not an IP address: lb.internal"));
  }
}
