package io.civicline.ops.config;

import io.civicline.core.config.Secret;
import io.civicline.core.redis.RedisSettings;
import io.civicline.signaling.twilio.TwilioSettings;
import io.civicline.voicemail.notify.SmtpSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Loads the configuration in three layers: the defaults file on the class path, an optional file
 * named by {@code CIVICLINE_CONFIG}, then {@code CIVICLINE_*} environment variables. Maps it once
 * into {@link CivicLineConfig}, collecting every problem before failing.
 */
public final class ConfigLoader {
  static final String DEFAULTS = "/civicline-defaults.properties";
  static final String ENV_PREFIX = "CIVICLINE_";

  /** Every key the server understands. */
  static final Set<String> KEYS =
      Set.of(
          "http.host",
          "http.port",
          "http.maxBodyBytes",
          "http.trustedProxies",
          "redis.url",
          "redis.mode",
          "redis.masterName",
          "redis.password",
          "redis.passwordFile",
          "redis.poolSize",
          "admin.tokenFile",
          "demo.seed",
          "shutdown.graceSeconds",
          "twilio.accountSid",
          "twilio.authToken",
          "twilio.authTokenFile",
          "twilio.publicBaseUrl",
          "twilio.restBaseUrl",
          "twilio.apiKeySid",
          "twilio.apiKeySecret",
          "twilio.apiKeySecretFile",
          "twilio.twimlAppSid",
          "twilio.voiceTokenMinutes",
          "voicemail.storageDir",
          "http.publicBaseUrl",
          "smtp.host",
          "smtp.port",
          "smtp.username",
          "smtp.password",
          "smtp.passwordFile",
          "smtp.startTls",
          "smtp.from",
          "asterisk.agiHost",
          "asterisk.agiPort",
          "asterisk.maxCalls",
          "asterisk.spoolDir",
          "asterisk.spoolDirOnAsterisk",
          "asterisk.ttsCommand",
          "asterisk.ttsTimeoutSeconds",
          "asterisk.holdSeconds",
          "asterisk.silenceSeconds",
          "asterisk.servers",
          "asterisk.agiAllow",
          "asterisk.amiUsername",
          "asterisk.amiSecret",
          "asterisk.amiSecretFile",
          "staffAuth.signingKey",
          "staffAuth.signingKeyFile",
          "push.fcmProjectId",
          "push.fcmBaseUrl",
          "push.fcmAccessToken",
          "push.fcmAccessTokenFile",
          "push.fcmServiceAccount",
          "push.fcmServiceAccountFile",
          "push.apnsTeamId",
          "push.apnsKeyId",
          "push.apnsKey",
          "push.apnsKeyFile",
          "push.apnsTopic",
          "push.apnsBaseUrl");

  /** Secrets may come from the environment or a file, never from a config file in plain text. */
  static final Set<String> SECRET_KEYS =
      Set.of(
          "redis.password",
          "twilio.authToken",
          "twilio.apiKeySecret",
          "smtp.password",
          "asterisk.amiSecret",
          "staffAuth.signingKey",
          "push.fcmAccessToken",
          "push.fcmServiceAccount",
          "push.apnsKey");

  /** Variables the launcher or tests use that are not server settings. */
  static final Set<String> NOT_SETTINGS =
      Set.of("CIVICLINE_CONFIG", "CIVICLINE_REDIS_SERVER", "CIVICLINE_JVM_DIR", "CIVICLINE_HOME");

  private final List<String> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final Map<String, String> values = new LinkedHashMap<>();

  private ConfigLoader() {}

  /** Loads from the real environment. */
  public static Loaded load() {
    return load(System.getenv());
  }

  public static Loaded load(Map<String, String> env) {
    ConfigLoader loader = new ConfigLoader();
    loader.readDefaults();
    loader.readFile(env.get("CIVICLINE_CONFIG"));
    loader.readEnvironment(env);
    CivicLineConfig config = loader.map();
    if (!loader.problems.isEmpty()) {
      throw new ConfigException(loader.problems);
    }
    return new Loaded(config, List.copyOf(loader.warnings));
  }

  /** The configuration and anything worth a warning in the log (e.g. unknown variables). */
  public record Loaded(CivicLineConfig config, List<String> warnings) {}

  private void readDefaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        problems.add("defaults file " + DEFAULTS + " is missing from the class path");
        return;
      }
      merge(properties(new java.io.InputStreamReader(in, StandardCharsets.UTF_8)), "defaults");
    } catch (IOException e) {
      problems.add("cannot read defaults: " + e.getMessage());
    }
  }

  private void readFile(String file) {
    if (file == null || file.isBlank()) {
      return;
    }
    Path path = Path.of(file);
    if (!Files.isReadable(path)) {
      problems.add("CIVICLINE_CONFIG names " + path + ", which cannot be read");
      return;
    }
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      Properties props = properties(reader);
      for (String key : props.stringPropertyNames()) {
        if (SECRET_KEYS.contains(key)) {
          problems.add(
              path
                  + ": '"
                  + key
                  + "' is a secret; give it as "
                  + envName(key)
                  + " or "
                  + key
                  + "File");
        }
      }
      merge(props, path.toString());
    } catch (IOException e) {
      problems.add("cannot read " + path + ": " + e.getMessage());
    }
  }

  private void readEnvironment(Map<String, String> env) {
    Map<String, String> byEnvName = new LinkedHashMap<>();
    for (String key : KEYS) {
      byEnvName.put(envName(key), key);
    }
    env.keySet().stream()
        .filter(name -> name.startsWith(ENV_PREFIX))
        .sorted()
        .forEach(
            name -> {
              String key = byEnvName.get(name);
              if (key != null) {
                values.put(key, env.get(name));
              } else if (!NOT_SETTINGS.contains(name)) {
                warnings.add("ignoring unknown environment variable " + name);
              }
            });
  }

  private void merge(Properties props, String source) {
    for (String key : props.stringPropertyNames()) {
      if (KEYS.contains(key)) {
        values.put(key, props.getProperty(key).strip());
      } else {
        problems.add(source + ": unknown setting '" + key + "'");
      }
    }
  }

  /** {@code admin.tokenFile} -> {@code CIVICLINE_ADMIN_TOKEN_FILE}. */
  static String envName(String key) {
    String snake = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_');
    return ENV_PREFIX + snake.toUpperCase(Locale.ROOT);
  }

  private CivicLineConfig map() {
    var http =
        new CivicLineConfig.Http(
            text("http.host"),
            integer("http.port", 0, 65535),
            integer("http.maxBodyBytes", 1024, 16 * 1024 * 1024),
            trustedProxies());
    var admin = new CivicLineConfig.Admin(Path.of(text("admin.tokenFile")));
    boolean demoSeed = bool("demo.seed");
    Duration grace = Duration.ofSeconds(integer("shutdown.graceSeconds", 0, 300));
    RedisSettings redis = redis();
    Optional<TwilioSettings> twilio = twilio();
    Optional<SmtpSettings> smtp = smtp();
    Optional<CivicLineConfig.Asterisk> asterisk = asterisk();
    return problems.isEmpty()
        ? new CivicLineConfig(
            http,
            redis,
            admin,
            demoSeed,
            grace,
            twilio,
            Path.of(text("voicemail.storageDir")),
            smtp,
            Optional.ofNullable(values.get("http.publicBaseUrl")),
            asterisk,
            staffSigningKey(),
            push())
        : null;
  }

  private RedisSettings redis() {
    String url = values.get("redis.url");
    if (url == null || url.isBlank()) {
      problems.add(
          "redis.url is required (set CIVICLINE_REDIS_URL, e.g. redis://127.0.0.1:6379;"
              + " ./civicline run starts a private Redis and sets it)");
      return null;
    }
    List<String> endpoints = Arrays.stream(url.split(",")).map(String::strip).toList();
    for (String endpoint : endpoints) {
      if (!endpoint.matches("rediss?://.+")) {
        problems.add(
            "redis.url: '"
                + endpoint.replaceAll("//[^@/]*@", "//***@")
                + "' must start with redis:// or rediss://");
      }
    }
    RedisSettings.Mode mode = redisMode();
    Optional<String> master = Optional.ofNullable(values.get("redis.masterName"));
    if (mode == RedisSettings.Mode.SENTINEL && master.isEmpty()) {
      problems.add("redis.masterName is required when redis.mode is sentinel");
    }
    Optional<Secret> password = secret("redis.password");
    int pool = integer("redis.poolSize", 1, 1024);
    if (!problems.isEmpty()) {
      return null;
    }
    return new RedisSettings(
        mode, endpoints, master, password, pool, RedisSettings.DEFAULT_MAX_POOL_WAITING);
  }

  /** Reverse proxies trusted to name the client (X-Forwarded-For), comma-separated. */
  private List<String> trustedProxies() {
    String list = values.get("http.trustedProxies");
    if (list == null || list.isBlank()) {
      return List.of();
    }
    List<String> entries = Arrays.stream(list.split(",")).map(String::strip).toList();
    try {
      io.civicline.mobileapi.auth.TrustedProxies.of(entries);
      return entries;
    } catch (IllegalArgumentException e) {
      problems.add("http.trustedProxies: " + e.getMessage());
      return List.of();
    }
  }

  /** Twilio is on when an account is configured; then its token and public URL are required. */
  private Optional<TwilioSettings> twilio() {
    String account = values.get("twilio.accountSid");
    if (account == null || account.isBlank()) {
      return Optional.empty();
    }
    if (!account.matches("AC[0-9a-fA-F]{32}")) {
      problems.add("twilio.accountSid: must be 'AC' and 32 hex digits");
    }
    Optional<Secret> token = secret("twilio.authToken");
    if (token.isEmpty()) {
      problems.add(
          "twilio.authToken is required with twilio.accountSid (CIVICLINE_TWILIO_AUTH_TOKEN or twilio.authTokenFile)");
    }
    String publicBase = values.get("twilio.publicBaseUrl");
    if (publicBase == null || !publicBase.matches("https?://[^\\s/]+.*")) {
      problems.add(
          "twilio.publicBaseUrl is required with twilio.accountSid: the URL Twilio uses to reach this server, e.g. https://phones.county.gov");
    }
    String rest = values.getOrDefault("twilio.restBaseUrl", "https://api.twilio.com");
    if (!rest.matches("https?://[^\\s/]+.*")) {
      problems.add("twilio.restBaseUrl: must be an http(s) URL");
    }
    Optional<io.civicline.signaling.twilio.VoiceSdkSettings> voiceSdk = voiceSdk();
    if (!problems.isEmpty()) {
      return Optional.empty();
    }
    TwilioSettings settings = new TwilioSettings(account, token.get(), publicBase, rest);
    return Optional.of(voiceSdk.map(settings::withVoiceSdk).orElse(settings));
  }

  /** In-app calling (Voice SDK access tokens): on when an API key is configured. */
  private Optional<io.civicline.signaling.twilio.VoiceSdkSettings> voiceSdk() {
    String keySid = values.get("twilio.apiKeySid");
    Optional<Secret> keySecret = secret("twilio.apiKeySecret");
    Optional<String> app = Optional.ofNullable(values.get("twilio.twimlAppSid"));
    if (keySid == null || keySid.isBlank()) {
      if (keySecret.isPresent() || app.isPresent()) {
        problems.add(
            "twilio.apiKeySid is required with twilio.apiKeySecret or twilio.twimlAppSid"
                + " (in-app calling)");
      }
      return Optional.empty();
    }
    if (!keySid.matches("SK[0-9a-fA-F]{32}")) {
      problems.add("twilio.apiKeySid: must be 'SK' and 32 hex digits (a Twilio API key)");
    }
    if (keySecret.isEmpty()) {
      problems.add(
          "twilio.apiKeySecret is required with twilio.apiKeySid"
              + " (CIVICLINE_TWILIO_API_KEY_SECRET or twilio.apiKeySecretFile)");
    } else if (keySecret.get().reveal().length() < 32) {
      problems.add("twilio.apiKeySecret: too short for an API key secret (32 characters)");
    }
    if (app.isPresent() && !app.get().matches("AP[0-9a-fA-F]{32}")) {
      problems.add("twilio.twimlAppSid: must be 'AP' and 32 hex digits (a TwiML app)");
    }
    int minutes =
        values.containsKey("twilio.voiceTokenMinutes")
            ? integer("twilio.voiceTokenMinutes", 5, 24 * 60)
            : 60;
    if (keySecret.isEmpty() || !problems.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new io.civicline.signaling.twilio.VoiceSdkSettings(
            keySid, keySecret.get(), app, java.time.Duration.ofMinutes(minutes)));
  }

  /** Push to staff apps: Firebase when a project is set, APNs when a team is set. */
  private CivicLineConfig.Push push() {
    Optional<String> project = Optional.ofNullable(values.get("push.fcmProjectId"));
    Optional<Secret> fcmToken = secret("push.fcmAccessToken");
    Optional<io.civicline.mobileapi.push.GoogleServiceAccount> serviceAccount = serviceAccount();
    if (project.isPresent() && fcmToken.isEmpty() && serviceAccount.isEmpty()) {
      problems.add(
          "push.fcmProjectId needs push.fcmServiceAccountFile (the service account's JSON key)"
              + " or push.fcmAccessToken (CIVICLINE_PUSH_FCM_ACCESS_TOKEN or"
              + " push.fcmAccessTokenFile)");
    }
    if (fcmToken.isPresent() && serviceAccount.isPresent()) {
      problems.add("push.fcmAccessToken and push.fcmServiceAccount: give one");
    }
    String fcmBase =
        values.getOrDefault(
            "push.fcmBaseUrl", io.civicline.mobileapi.push.FcmSender.DEFAULT_BASE_URL);
    Optional<io.civicline.mobileapi.push.ApnsSender.Settings> apns = Optional.empty();
    String team = values.get("push.apnsTeamId");
    if (team != null) {
      Optional<Secret> key = secret("push.apnsKey");
      String keyId = values.get("push.apnsKeyId");
      String topic = values.get("push.apnsTopic");
      if (key.isEmpty() || keyId == null || topic == null) {
        problems.add(
            "push.apnsTeamId needs push.apnsKeyId, push.apnsTopic (the app's bundle id) and"
                + " push.apnsKey (CIVICLINE_PUSH_APNS_KEY or push.apnsKeyFile, the .p8 key)");
      } else {
        apns =
            Optional.of(
                new io.civicline.mobileapi.push.ApnsSender.Settings(
                    values.getOrDefault(
                        "push.apnsBaseUrl",
                        io.civicline.mobileapi.push.ApnsSender.DEFAULT_BASE_URL),
                    team,
                    keyId,
                    key.get(),
                    topic));
      }
    }
    return new CivicLineConfig.Push(project, fcmBase, fcmToken, serviceAccount, apns);
  }

  /** The FCM service account's key file, read and checked at start (its key never logged). */
  private Optional<io.civicline.mobileapi.push.GoogleServiceAccount> serviceAccount() {
    Optional<Secret> keyFile = secret("push.fcmServiceAccount");
    try {
      return keyFile.map(io.civicline.mobileapi.push.GoogleServiceAccount::parse);
    } catch (IllegalArgumentException e) {
      problems.add("push.fcmServiceAccount: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Signs staff access tokens; every node of a deployment needs the same key. */
  private Optional<Secret> staffSigningKey() {
    Optional<Secret> key = secret("staffAuth.signingKey");
    if (key.isPresent() && key.get().reveal().getBytes(StandardCharsets.UTF_8).length < 32) {
      problems.add("staffAuth.signingKey: must be at least 32 bytes");
    }
    return key;
  }

  /** The Asterisk channel is on when a FastAGI port is configured. */
  private Optional<CivicLineConfig.Asterisk> asterisk() {
    String port = values.get("asterisk.agiPort");
    if (port == null || port.isBlank()) {
      return Optional.empty();
    }
    String spoolOnAsterisk = text("asterisk.spoolDirOnAsterisk");
    if (!spoolOnAsterisk.startsWith("/")) {
      problems.add("asterisk.spoolDirOnAsterisk: must be an absolute path on the Asterisk host");
    }
    List<String> tts = ttsCommand(values.get("asterisk.ttsCommand"));
    var calls =
        new io.civicline.signaling.asterisk.calls.AsteriskSettings(
            Path.of(text("asterisk.spoolDir")),
            spoolOnAsterisk,
            tts,
            Duration.ofSeconds(integer("asterisk.ttsTimeoutSeconds", 1, 300)),
            integer("asterisk.holdSeconds", 5, 120),
            integer("asterisk.silenceSeconds", 1, 30));
    return Optional.of(
        new CivicLineConfig.Asterisk(
            text("asterisk.agiHost"),
            integer("asterisk.agiPort", 0, 65535),
            integer("asterisk.maxCalls", 1, 100_000),
            calls,
            amiServers(),
            List.of(values.getOrDefault("asterisk.agiAllow", "").strip().split("[\\s,]+")).stream()
                .filter(host -> !host.isEmpty())
                .toList()));
  }

  /**
   * The Asterisk servers CivicLine keeps a manager (AMI) connection to, separated by spaces: {@code
   * pbx1=10.20.0.21:5038;towns=lakeside,riverton pbx2=10.20.0.22:5038;towns=oakdale}. One AMI user
   * and secret for all of them.
   */
  private List<io.civicline.signaling.asterisk.ami.AmiServer> amiServers() {
    String value = values.getOrDefault("asterisk.servers", "").strip();
    if (value.isEmpty()) {
      return List.of();
    }
    Optional<Secret> secret = secret("asterisk.amiSecret");
    if (secret.isEmpty()) {
      problems.add(
          "asterisk.amiSecret is required with asterisk.servers (CIVICLINE_ASTERISK_AMI_SECRET or asterisk.amiSecretFile)");
      return List.of();
    }
    String user = values.getOrDefault("asterisk.amiUsername", "civicline");
    List<io.civicline.signaling.asterisk.ami.AmiServer> servers = new ArrayList<>();
    for (String entry : value.split("\\s+")) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(
                  "([a-z0-9][a-z0-9-]*)=([^:;\\s]+):(\\d{1,5});towns=([a-z0-9,-]+)")
              .matcher(entry);
      if (!m.matches()) {
        problems.add(
            "asterisk.servers: '"
                + entry
                + "' must look like pbx1=10.20.0.21:5038;towns=lakeside,riverton");
        continue;
      }
      try {
        servers.add(
            new io.civicline.signaling.asterisk.ami.AmiServer(
                m.group(1),
                m.group(2),
                Integer.parseInt(m.group(3)),
                user,
                secret.get(),
                List.of(m.group(4).split(","))));
      } catch (IllegalArgumentException e) {
        problems.add("asterisk.servers: " + entry + ": " + e.getMessage());
      }
    }
    return servers;
  }

  /**
   * The text-to-speech command: a JSON array of arguments, or words split at spaces; the default
   * (espeak-ng piped through sox) when unset.
   */
  private List<String> ttsCommand(String value) {
    if (value == null || value.isBlank()) {
      return io.civicline.signaling.asterisk.calls.AsteriskSettings.DEFAULT_TTS;
    }
    if (value.strip().startsWith("[")) {
      try {
        List<String> words = new ArrayList<>();
        new io.vertx.core.json.JsonArray(value).forEach(w -> words.add(String.valueOf(w)));
        if (!words.isEmpty()) {
          return words;
        }
      } catch (io.vertx.core.json.DecodeException e) {
        problems.add("asterisk.ttsCommand: not a JSON array of strings");
        return List.of("missing");
      }
    }
    List<String> words = Arrays.asList(value.strip().split("\\s+"));
    if (!String.join(" ", words).contains("{output}")) {
      problems.add("asterisk.ttsCommand: must contain {output} (where the WAV file goes)");
    }
    return words;
  }

  /** Email notifications are on when an SMTP host is configured. */
  private Optional<SmtpSettings> smtp() {
    String host = values.get("smtp.host");
    if (host == null || host.isBlank()) {
      return Optional.empty();
    }
    int port = values.containsKey("smtp.port") ? integer("smtp.port", 1, 65535) : 25;
    Optional<Secret> password = secret("smtp.password");
    Optional<String> username = Optional.ofNullable(values.get("smtp.username"));
    String from = values.getOrDefault("smtp.from", "voicemail@" + host);
    boolean startTls = "true".equals(values.getOrDefault("smtp.startTls", "false"));
    try {
      return Optional.of(
          new SmtpSettings(
              host, port, username, password, startTls, from, java.time.Duration.ofSeconds(20)));
    } catch (IllegalArgumentException e) {
      problems.add("smtp: " + e.getMessage());
      return Optional.empty();
    }
  }

  private RedisSettings.Mode redisMode() {
    String mode = text("redis.mode");
    try {
      return RedisSettings.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add("redis.mode: '" + mode + "' must be standalone, sentinel or cluster");
      return RedisSettings.Mode.STANDALONE;
    }
  }

  private Optional<Secret> secret(String key) {
    String direct = values.get(key);
    String file = values.get(key + "File");
    if (direct != null && file != null) {
      problems.add(key + " is given both directly and as " + key + "File; give one");
      return Optional.empty();
    }
    if (direct != null) {
      return Optional.of(Secret.of(direct));
    }
    if (file == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Secret.of(Files.readString(Path.of(file)).strip()));
    } catch (IOException e) {
      problems.add(key + "File: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
      return Optional.empty();
    }
  }

  private String text(String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      problems.add(key + " is required");
      return "";
    }
    return value;
  }

  private int integer(String key, int min, int max) {
    String value = text(key);
    try {
      int number = Integer.parseInt(value);
      if (number < min || number > max) {
        problems.add(key + ": " + number + " is outside " + min + ".." + max);
      }
      return number;
    } catch (NumberFormatException e) {
      if (!value.isEmpty()) {
        problems.add(key + ": '" + value + "' is not a whole number");
      }
      return min;
    }
  }

  private boolean bool(String key) {
    String value = text(key);
    if (!value.equals("true") && !value.equals("false")) {
      problems.add(key + ": '" + value + "' must be true or false");
    }
    return value.equals("true");
  }

  private static Properties properties(Reader reader) throws IOException {
    Properties props = new Properties();
    props.load(reader);
    return props;
  }
}
