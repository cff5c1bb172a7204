package io.civicline.ops;

import io.civicline.core.redis.RedisClients;
import io.civicline.core.store.AuditTrail;
import io.civicline.core.store.DocumentStore;
import io.civicline.mobileapi.StaffApi;
import io.civicline.mobileapi.auth.StaffAuthSettings;
import io.civicline.mobileapi.auth.StaffDirectory;
import io.civicline.mobileapi.events.EventSocketRoute;
import io.civicline.mobileapi.events.LiveEvents;
import io.civicline.mobileapi.events.StaffEventLog;
import io.civicline.mobileapi.push.ApnsSender;
import io.civicline.mobileapi.push.DeviceRegistry;
import io.civicline.mobileapi.push.FcmSender;
import io.civicline.mobileapi.push.LiveSockets;
import io.civicline.mobileapi.push.PushFanout;
import io.civicline.mobileapi.push.PushSender;
import io.civicline.ops.asterisk.AgiListener;
import io.civicline.ops.asterisk.LampSync;
import io.civicline.ops.asterisk.MessageLamps;
import io.civicline.ops.audit.AuditRoutes;
import io.civicline.ops.auth.BearerAuth;
import io.civicline.ops.auth.TokenRoutes;
import io.civicline.ops.auth.TokenService;
import io.civicline.ops.calls.CallRoutes;
import io.civicline.ops.config.CivicLineConfig;
import io.civicline.ops.directory.DirectoryRoutes;
import io.civicline.ops.directory.DirectoryService;
import io.civicline.ops.directory.HolidayRoutes;
import io.civicline.ops.directory.HolidayService;
import io.civicline.ops.directory.Kinds;
import io.civicline.ops.directory.SharedReferences;
import io.civicline.ops.directory.TenantAccess;
import io.civicline.ops.directory.TenantRoutes;
import io.civicline.ops.flows.FlowReferences;
import io.civicline.ops.flows.FlowRoutes;
import io.civicline.ops.flows.FlowService;
import io.civicline.ops.flows.FlowSimulation;
import io.civicline.ops.health.HealthRoutes;
import io.civicline.ops.presence.PresenceRoutes;
import io.civicline.ops.presence.PresenceService;
import io.civicline.ops.queues.CallbackRoutes;
import io.civicline.ops.seed.Bootstrap;
import io.civicline.ops.seed.DemoTownship;
import io.civicline.ops.staff.ClickToCall;
import io.civicline.ops.voicemail.ExportRoutes;
import io.civicline.ops.voicemail.GreetingRoutes;
import io.civicline.ops.voicemail.LockoutAlerts;
import io.civicline.ops.voicemail.MailboxPolicies;
import io.civicline.ops.voicemail.MailboxRoutes;
import io.civicline.ops.voicemail.VoicemailJobs;
import io.civicline.ops.voicemail.VoicemailNotices;
import io.civicline.signaling.asterisk.ami.AmiClientOptions;
import io.civicline.signaling.asterisk.ami.AmiConnections;
import io.civicline.signaling.asterisk.ami.DeviceStates;
import io.civicline.signaling.asterisk.calls.AsteriskCalls;
import io.civicline.signaling.asterisk.calls.TextSender;
import io.civicline.signaling.context.CallContextLoader;
import io.civicline.signaling.context.FlowCache;
import io.civicline.signaling.sms.FileMediaStore;
import io.civicline.signaling.sms.SmsChannel;
import io.civicline.signaling.sms.SmsSettings;
import io.civicline.signaling.sms.TwilioMediaIntake;
import io.civicline.signaling.store.CallRecords;
import io.civicline.signaling.store.CallSessions;
import io.civicline.signaling.store.CallbackQueue;
import io.civicline.signaling.store.FlowStore;
import io.civicline.signaling.store.NumberDirectory;
import io.civicline.signaling.store.NumberRegistry;
import io.civicline.signaling.twilio.TwilioChannel;
import io.civicline.voicemail.access.PhoneMailboxAccess;
import io.civicline.voicemail.export.MailboxExport;
import io.civicline.voicemail.ingest.Reconciler;
import io.civicline.voicemail.ingest.VoicemailIngest;
import io.civicline.voicemail.ingest.WavRecordingCheck;
import io.civicline.voicemail.mailbox.MailboxPins;
import io.civicline.voicemail.message.MessageStore;
import io.civicline.voicemail.notify.EmailNotifier;
import io.civicline.voicemail.notify.NotificationWorker;
import io.civicline.voicemail.pin.LockoutListener;
import io.civicline.voicemail.pin.PinGuard;
import io.civicline.voicemail.pin.PinHasher;
import io.civicline.voicemail.retention.RetentionSweeper;
import io.civicline.voicemail.store.FileRecordingStore;
import io.civicline.voicemail.store.GreetingRecordings;
import io.civicline.voicemail.transcribe.Transcriber;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place that builds every service with its constructor, starts them
 * in dependency order and stops them in reverse.
 */
public final class CivicLineServer {
  private static final Logger LOG = LoggerFactory.getLogger(CivicLineServer.class);

  private final CivicLineConfig config;
  private final Vertx vertx;
  private final Redis redis;
  private final AdminApiVerticle api;
  private final CallRecords callRecords;
  private final VoicemailJobs voicemailJobs;
  private final Optional<AgiListener> agi;
  private final Optional<AmiConnections> ami;
  private final Optional<LampSync> lamps;
  private final StaffApi staffApi;
  private final Optional<SmsChannel> texts;
  private final LiveEvents liveEvents;
  private final List<AutoCloseable> pushParts;
  private String deploymentId;

  /** Parsed flow versions kept in memory; a version never changes, so they never go stale. */
  static final int FLOW_CACHE_SIZE = 500;

  /** How often an open staff WebSocket checks that its session still stands. */
  static final java.time.Duration SESSION_RECHECK = java.time.Duration.ofSeconds(30);

  /** How soon a desk phone's message-waiting lamp follows its mailbox. */
  static final java.time.Duration LAMP_SYNC_EVERY = java.time.Duration.ofSeconds(5);

  private CivicLineServer(
      CivicLineConfig config,
      Vertx vertx,
      Redis redis,
      AdminApiVerticle api,
      CallRecords callRecords,
      VoicemailJobs voicemailJobs,
      Optional<AgiListener> agi,
      Optional<AmiConnections> ami,
      Optional<LampSync> lamps,
      StaffApi staffApi,
      LiveEvents liveEvents,
      Optional<SmsChannel> texts,
      List<AutoCloseable> pushParts) {
    this.voicemailJobs = voicemailJobs;
    this.agi = agi;
    this.ami = ami;
    this.lamps = lamps;
    this.staffApi = staffApi;
    this.texts = texts;
    this.pushParts = pushParts;
    this.liveEvents = liveEvents;
    this.config = config;
    this.vertx = vertx;
    this.redis = redis;
    this.api = api;
    this.callRecords = callRecords;
  }

  /** Builds everything and starts serving; fails if Redis cannot be reached. */
  public static Future<CivicLineServer> start(CivicLineConfig config, Clock clock) {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx =
        Vertx.builder()
            .with(new VertxOptions().setMetricsOptions(metricsOptions()))
            .withMetrics(new MicrometerMetricsFactory(metrics))
            .build();
    Redis redis = RedisClients.create(vertx, config.redis());

    DocumentStore store = new DocumentStore(redis, clock);
    TokenService tokens = new TokenService(store, redis);
    HolidayService holidays = new HolidayService(store);
    NumberRegistry numbers = new NumberRegistry(redis, clock);
    MessageStore voicemailMessages = new MessageStore(redis, clock);
    MailboxPins mailboxPins = new MailboxPins(redis);
    Optional<EmailNotifier> mailer = config.smtp().map(smtp -> new EmailNotifier(vertx, smtp));
    // Greetings have a store of their own, so message reconciliation and sweeps never see them;
    // '_greetings' can never be a tenant's directory (tenant ids are slugs).
    GreetingRecordings greetingFiles =
        new GreetingRecordings(
            new FileRecordingStore(vertx, config.recordingsDir().resolve("_greetings")));
    java.util.concurrent.atomic.AtomicReference<StaffApi> staffApiOnceBuilt =
        new java.util.concurrent.atomic.AtomicReference<>();
    Kinds kinds =
        new Kinds(
            clock,
            numbers,
            holidays,
            store,
            voicemailMessages,
            mailboxPins,
            greetingFiles,
            // The staff API is built later (it needs the channels): looked up when a member goes.
            (tenant, staffId) ->
                staffApiOnceBuilt.get().passwords().revokeAllSessions(tenant, staffId));
    DirectoryService directory = new DirectoryService(store, new SharedReferences(store, redis));
    TenantAccess access = new TenantAccess(store);
    TenantRoutes tenants = new TenantRoutes(directory, access, kinds, redis);
    FlowStore flowStore = new FlowStore(store, redis);
    CallRecords callRecords = new CallRecords(redis);
    // Who is connected on a call: busy for ringing, shown to colleagues.
    io.civicline.core.presence.OnCalls onCalls =
        new io.civicline.core.presence.OnCalls(redis, clock);
    CallContextLoader contexts =
        new CallContextLoader(
            store,
            flowStore,
            new FlowCache(FLOW_CACHE_SIZE),
            new DeviceStates(redis)::load,
            onCalls::now);
    FlowService flows = new FlowService(flowStore, store);
    // What staff apps see live: one ordered event log per town in Redis; members without a live
    // connection get a push instead.
    LiveSockets liveSockets = new LiveSockets(vertx, redis, clock);
    List<PushSender> pushSenders = pushSenders(vertx, config.push(), clock);
    StaffEventLog staffEventLog = new StaffEventLog(redis);
    PushFanout staffEvents =
        new PushFanout(
            staffEventLog, store, liveSockets, new DeviceRegistry(redis, clock), pushSenders);
    PresenceService presence =
        new PresenceService(
            directory,
            kinds,
            staffEvents,
            tenant -> onCalls.now(tenant).map(java.util.Map::keySet),
            clock);
    FileRecordingStore recordingFiles = new FileRecordingStore(vertx, config.recordingsDir());
    VoicemailIngest voicemail =
        new VoicemailIngest(
            recordingFiles, voicemailMessages, new WavRecordingCheck(), staffEvents);
    PhoneMailboxAccess phoneAccess =
        new PhoneMailboxAccess(
            mailboxPins,
            new PinGuard(
                vertx,
                redis,
                new PinHasher(),
                mailer
                    .<LockoutListener>map(m -> new LockoutAlerts(store, m))
                    .orElse(LockoutListener.NONE)),
            voicemailMessages,
            recordingFiles);
    io.civicline.core.presence.OnCallPresence onCallPresence =
        new io.civicline.core.presence.OnCallPresence(onCalls, store, staffEvents);
    TwilioChannel.Parts parts =
        new TwilioChannel.Parts(
            new NumberDirectory(numbers, store, redis),
            contexts,
            new CallSessions(redis),
            callRecords,
            new CallbackQueue(redis),
            voicemail,
            phoneAccess,
            phoneAccess,
            (tenant, mailbox, language, sha256) ->
                greetingFiles
                    .read(tenant, mailbox.replace(':', '-'), language, sha256)
                    .map(Optional::of)
                    // Replaced or removed since the call started: nothing to play.
                    .recover(
                        failure ->
                            failure instanceof java.nio.file.NoSuchFileException
                                ? Future.succeededFuture(Optional.empty())
                                : Future.failedFuture(failure)),
            staffEvents,
            onCallPresence);
    Optional<TwilioChannel> twilio =
        config.twilio().map(settings -> TwilioChannel.create(vertx, settings, parts, clock));
    FileMediaStore mediaFiles = new FileMediaStore(vertx, config.recordingsDir().resolve("_media"));
    // Residents' texts, when the town's numbers are on Twilio.
    Optional<SmsChannel> texts =
        config
            .twilio()
            .map(
                settings -> {
                  SmsSettings smsSettings = SmsSettings.defaults(settings.publicBaseUrl());
                  return SmsChannel.create(
                      vertx,
                      redis,
                      settings,
                      smsSettings,
                      new SmsChannel.Parts(
                          parts.numbers(),
                          contexts,
                          store,
                          new TwilioMediaIntake(vertx, settings, mediaFiles, smsSettings),
                          new io.civicline.ops.staff.TextAlerts(staffEvents)),
                      clock);
                });
    Optional<AgiListener> agi =
        config
            .asterisk()
            .map(
                asterisk ->
                    new AgiListener(
                        vertx,
                        asterisk,
                        new AsteriskCalls(
                            asterisk.calls(),
                            parts.numbers(),
                            contexts,
                            parts.sessions(),
                            callRecords,
                            redis,
                            voicemail,
                            parts.greetingAudio(),
                            parts.mailboxes(),
                            parts.messageAudio(),
                            textSender(twilio),
                            staffEvents,
                            clock)));
    // Desk-phone states for presence (and, later, lamps and click-to-call) from each Asterisk.
    Optional<AmiConnections> ami =
        config
            .asterisk()
            .filter(asterisk -> !asterisk.amiServers().isEmpty())
            .map(
                asterisk ->
                    new AmiConnections(
                        vertx,
                        asterisk.amiServers(),
                        new DeviceStates(
                            redis,
                            new io.civicline.signaling.asterisk.calls.DeskPhoneCalls(
                                onCallPresence, contexts::extensions)),
                        AmiClientOptions.defaults()));
    io.civicline.signaling.asterisk.calls.ClickToCallLog clickToCallLog =
        new io.civicline.signaling.asterisk.calls.ClickToCallLog(callRecords, clock);
    ami.ifPresent(connections -> connections.addCallEventListener(clickToCallLog));
    ami.ifPresent(
        connections ->
            connections.addCallEventListener(
                new io.civicline.signaling.asterisk.calls.MobileLegCalls(
                    onCallPresence, contexts::mobiles)));
    Optional<LampSync> lamps =
        ami.map(
            connections ->
                new LampSync(
                    vertx,
                    connections,
                    new MessageLamps(voicemailMessages::newCounts, contexts::extensions),
                    LAMP_SYNC_EVERY));
    StaffApi staffApi =
        StaffApi.create(
            vertx,
            redis,
            store,
            StaffAuthSettings.defaults(
                    staffSigningKey(config),
                    config.publicBaseUrl().orElse("http://localhost:" + config.http().port()))
                .withTrustedProxies(
                    io.civicline.mobileapi.auth.TrustedProxies.of(config.http().trustedProxies())),
            texts
                .<io.civicline.mobileapi.texts.TextInbox>map(
                    channel -> new io.civicline.ops.staff.SmsTextInbox(channel.service()))
                .orElse(io.civicline.mobileapi.texts.TextInbox.NONE),
            staffEvents,
            staffInbox(voicemailMessages, recordingFiles, texts, mediaFiles, clock),
            new StaffApi.Voice(
                voiceTokens(twilio, clock), new ClickToCall(store, ami, twilio, clickToCallLog)),
            new io.civicline.ops.staff.RecordedCallHistory(callRecords),
            clock,
            config.http().maxBodyBytes());
    staffApiOnceBuilt.set(staffApi);
    LiveEvents liveEvents = new LiveEvents(vertx, redis, staffEventLog);
    EventSocketRoute eventSocket =
        new EventSocketRoute(
            vertx,
            staffApi.bearerAuth(),
            new StaffDirectory(store),
            liveEvents,
            liveSockets,
            SESSION_RECHECK);
    AdminApi.Routes routes =
        new AdminApi.Routes(
            new HealthRoutes(redis),
            PrometheusScrapingHandler.create(metrics),
            new BearerAuth(tokens),
            tenants,
            new DirectoryRoutes(directory, access),
            new HolidayRoutes(directory, access, kinds, holidays, clock),
            new AuditRoutes(new AuditTrail(redis), access),
            new TokenRoutes(tokens, store),
            new PresenceRoutes(presence, access),
            new FlowRoutes(flows, new FlowSimulation(flows, contexts, store, clock), access),
            new CallRoutes(callRecords, access),
            new CallbackRoutes(access, parts.callbackQueue(), callbackDialers(ami, twilio, parts)),
            new MailboxRoutes(
                vertx,
                access,
                directory,
                kinds,
                voicemailMessages,
                recordingFiles,
                mailboxPins,
                new PinHasher(),
                clock),
            new ExportRoutes(
                vertx,
                access,
                directory,
                kinds,
                voicemailMessages,
                new MailboxExport(vertx, voicemailMessages, recordingFiles, clock)),
            new GreetingRoutes(vertx, access, directory, kinds, greetingFiles, clock),
            new io.civicline.ops.staff.StaffAccessRoutes(
                staffApi.passwords(), new StaffDirectory(store), access),
            new io.civicline.ops.staff.SmsRulesRoutes(store, contexts, access, clock),
            kinds);
    List<Consumer<Router>> channels = new ArrayList<>();
    // Before the admin API's /api/v1 body handler and token check: staff have their own.
    channels.add(router -> staffApi.mount(router, eventSocket::mount));
    twilio.ifPresent(channel -> channels.add(channel::mount));
    texts.ifPresent(channel -> channels.add(channel::mount));
    AdminApiVerticle api =
        new AdminApiVerticle(
            AdminApi.router(vertx, routes, config.http().maxBodyBytes(), channels),
            config.http().host(),
            config.http().port(),
            config.shutdownGrace());
    String linkBase =
        config
            .publicBaseUrl()
            .or(() -> config.twilio().map(t -> t.publicBaseUrl()))
            .orElse("http://localhost:" + config.http().port());
    Optional<NotificationWorker> notifications =
        config
            .smtp()
            .map(
                smtp ->
                    new NotificationWorker(
                        redis,
                        voicemailMessages,
                        recordingFiles,
                        Transcriber.NONE,
                        mailer.orElseThrow(),
                        new VoicemailNotices(store, linkBase),
                        "node-" + java.util.UUID.randomUUID()));
    VoicemailJobs voicemailJobs =
        new VoicemailJobs(
            vertx,
            redis,
            notifications,
            new Reconciler(recordingFiles, voicemailMessages),
            new RetentionSweeper(voicemailMessages, recordingFiles),
            new MailboxPolicies(store),
            clock);
    CivicLineServer server =
        new CivicLineServer(
            config,
            vertx,
            redis,
            api,
            callRecords,
            voicemailJobs,
            agi,
            ami,
            lamps,
            staffApi,
            liveEvents,
            texts,
            pushParts(liveSockets, pushSenders));

    Optional<String> agiProblem = agi.flatMap(AgiListener::problem);
    if (agiProblem.isPresent()) {
      // Before anything starts: a channel that cannot speak is a configuration error.
      return redis
          .close()
          .eventually(vertx::close)
          .transform(done -> Future.failedFuture(new IllegalStateException(agiProblem.get())));
    }
    Bootstrap bootstrap = new Bootstrap(vertx, directory, kinds, tokens);
    DemoTownship demo = new DemoTownship(directory, tenants, kinds, flows, presence, redis);
    return bootstrap
        .run(config.admin().tokenFile())
        .compose(v -> new io.civicline.ops.staff.StaffEmailIndex(store, redis).backfill())
        .compose(v -> new FlowReferences(store, redis, flowStore).backfill())
        .compose(v -> config.demoSeed() ? demo.seedOnce().mapEmpty() : Future.succeededFuture())
        .compose(v -> vertx.deployVerticle(api))
        .compose(id -> agi.map(AgiListener::start).orElse(Future.succeededFuture()).map(id))
        .compose(id -> ami.map(AmiConnections::start).orElse(Future.succeededFuture()).map(id))
        .onSuccess(id -> lamps.ifPresent(LampSync::start))
        .onSuccess(id -> texts.ifPresent(SmsChannel::start))
        .map(
            id -> {
              server.deploymentId = id;
              voicemailJobs.start();
              LOG.atInfo()
                  .addKeyValue("port", api.actualPort())
                  .addKeyValue("redis", config.redis().endpointsForLog())
                  .log("CivicLine started");
              return server;
            })
        .recover(
            failure -> {
              ami.ifPresent(AmiConnections::close);
              agi.ifPresent(listener -> listener.stop(java.time.Duration.ZERO));
              liveEvents.close();
              staffApi.close();
              redis.close();
              vertx.close();
              return Future.failedFuture(failure);
            });
  }

  /**
   * The key staff access tokens are signed with. Without one configured a random key is made: fine
   * for one node and a demo, but sessions end at every restart and other nodes refuse them.
   */
  private static io.civicline.core.config.Secret staffSigningKey(CivicLineConfig config) {
    return config
        .staffSigningKey()
        .orElseGet(
            () -> {
              LOG.atWarn()
                  .log(
                      "no staffAuth.signingKey configured (CIVICLINE_STAFF_AUTH_SIGNING_KEY):"
                          + " staff sessions end at restart and work on this node only");
              byte[] random = new byte[32];
              new java.security.SecureRandom().nextBytes(random);
              return io.civicline.core.config.Secret.of(java.util.HexFormat.of().formatHex(random));
            });
  }

  /** What push holds open (socket heartbeats, provider connections), to close at shutdown. */
  private static List<AutoCloseable> pushParts(LiveSockets sockets, List<PushSender> senders) {
    List<AutoCloseable> parts = new ArrayList<>(List.of(sockets));
    senders.stream()
        .filter(AutoCloseable.class::isInstance)
        .map(AutoCloseable.class::cast)
        .forEach(parts::add);
    return parts;
  }

  /** The push services configured: Firebase for Android, APNs for iOS. */
  /** The staff inbox: departments' voicemail, and their text threads when texting is on. */
  private static io.civicline.mobileapi.inbox.InboxParts staffInbox(
      MessageStore messages,
      FileRecordingStore recordings,
      Optional<SmsChannel> texts,
      FileMediaStore media,
      Clock clock) {
    var voicemail = new io.civicline.ops.staff.VoicemailInboxSource(messages, recordings, clock);
    List<io.civicline.mobileapi.inbox.InboxSource> sources = new ArrayList<>(List.of(voicemail));
    texts.ifPresent(
        channel ->
            sources.add(new io.civicline.ops.staff.TextThreadInboxSource(channel.store(), clock)));
    return new io.civicline.mobileapi.inbox.InboxParts(
        sources,
        voicemail,
        texts
            .<io.civicline.mobileapi.texts.TextAttachments>map(
                channel -> new io.civicline.ops.staff.SmsTextAttachments(channel.store(), media))
            .orElse(io.civicline.mobileapi.texts.TextAttachments.NONE));
  }

  private static List<PushSender> pushSenders(Vertx vertx, CivicLineConfig.Push push, Clock clock) {
    List<PushSender> senders = new ArrayList<>();
    push.fcmProjectId()
        .ifPresent(
            project ->
                senders.add(
                    new FcmSender(
                        vertx, push.fcmBaseUrl(), project, fcmAccessTokens(vertx, push, clock))));
    push.apns().ifPresent(settings -> senders.add(new ApnsSender(vertx, settings, clock)));
    return senders.stream()
        .<PushSender>map(
            sender ->
                new io.civicline.mobileapi.push.OrderedPushSender(
                    new io.civicline.mobileapi.push.RetryingPushSender(
                        vertx,
                        sender,
                        io.civicline.mobileapi.push.RetryingPushSender.DEFAULT_PAUSES)))
        .toList();
  }

  /** FCM access tokens: from the service account (renewed as they expire), else the fixed one. */
  private static java.util.function.Supplier<Future<String>> fcmAccessTokens(
      Vertx vertx, CivicLineConfig.Push push, Clock clock) {
    return push.fcmServiceAccount()
        .<java.util.function.Supplier<Future<String>>>map(
            account -> new io.civicline.mobileapi.push.ServiceAccountTokens(vertx, account, clock))
        .orElseGet(
            () -> () -> Future.succeededFuture(push.fcmAccessToken().orElseThrow().reveal()));
  }

  /** A town served by an Asterisk calls back through it; other towns through Twilio. */
  private static java.util.function.Function<
          String, Optional<io.civicline.signaling.store.CallbackDialer>>
      callbackDialers(
          Optional<AmiConnections> ami, Optional<TwilioChannel> twilio, TwilioChannel.Parts parts) {
    return tenant ->
        ami.flatMap(connections -> connections.clientForTenant(tenant))
            .<io.civicline.signaling.store.CallbackDialer>map(
                client ->
                    new io.civicline.signaling.asterisk.calls.AsteriskCallbacks(
                        parts.callbackQueue(), client::originate, client::isLoggedIn))
            .or(() -> twilio.map(TwilioChannel::callbacks));
  }

  /** In-app calling: Twilio Voice SDK access tokens, when an API key is configured. */
  private static io.civicline.mobileapi.calls.VoiceTokens voiceTokens(
      Optional<TwilioChannel> twilio, Clock clock) {
    return twilio
        .flatMap(TwilioChannel::voiceTokens)
        .<io.civicline.mobileapi.calls.VoiceTokens>map(
            tokens ->
                (tenant, staffId) -> {
                  var issued = tokens.issue(staffId, clock.instant());
                  return Optional.of(
                      new io.civicline.mobileapi.calls.VoiceTokens.VoiceToken(
                          issued.token(), issued.identity(), issued.expiresAt()));
                })
        .orElse(io.civicline.mobileapi.calls.VoiceTokens.NONE);
  }

  /** Texts sent by flows on a non-Twilio voice channel still go out through Twilio, if set up. */
  private static TextSender textSender(Optional<TwilioChannel> twilio) {
    return (from, to, text) ->
        twilio
            .<Future<?>>map(channel -> channel.sendSms(from, to, text))
            .orElseGet(
                () ->
                    Future.failedFuture(
                        new IllegalStateException("no SMS carrier configured (twilio.*)")));
  }

  private static MicrometerMetricsOptions metricsOptions() {
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
  }

  public int httpPort() {
    return api.actualPort();
  }

  /** Staff app sockets this node delivers live events to. Blocks: for tests and tools only. */
  public int staffSockets() {
    try {
      return liveEvents
          .listeners()
          .toCompletionStage()
          .toCompletableFuture()
          .get(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("live events did not answer", e);
    }
  }

  /** Asterisk calls this node is serving now. */
  public int agiActiveCalls() {
    return agi.map(AgiListener::activeCalls).orElse(0);
  }

  /** The FastAGI port, when the Asterisk channel is on. */
  public Optional<Integer> agiPort() {
    return agi.map(AgiListener::port);
  }

  /** The routes being served, for tests that compare them with the OpenAPI document. */
  io.vertx.ext.web.Router router() {
    return api.router();
  }

  /** The call records store, for tests that write records as the channel would. */
  CallRecords callRecords() {
    return callRecords;
  }

  public CivicLineConfig config() {
    return config;
  }

  /**
   * Stops in reverse order: HTTP (letting requests finish), then Redis, then Vert.x. Blocks, so
   * call it from a thread that is not Vert.x's (a shutdown hook, a test).
   */
  public void close() {
    texts.ifPresent(SmsChannel::stop);
    liveEvents.close();
    for (AutoCloseable part : pushParts) {
      try {
        part.close();
      } catch (Exception e) {
        LOG.atWarn().setCause(e).log("shutdown step failed");
      }
    }
    lamps.ifPresent(LampSync::stop);
    ami.ifPresent(connections -> await(connections.close()));
    agi.ifPresent(listener -> listener.stop(config.shutdownGrace()));
    voicemailJobs.stop();
    if (deploymentId != null) {
      await(vertx.undeploy(deploymentId));
    }
    staffApi.close();
    await(redis.close());
    await(vertx.close());
    LOG.info("CivicLine stopped");
  }

  private static void await(Future<?> step) {
    try {
      step.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      LOG.atWarn().setCause(e.getCause()).log("shutdown step failed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
