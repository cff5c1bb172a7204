package io.civicline.signaling.context;

import io.civicline.core.directory.CalendarRef;
import io.civicline.core.directory.Closure;
import io.civicline.core.directory.Department;
import io.civicline.core.directory.HolidayCalendar;
import io.civicline.core.directory.PresenceStatus;
import io.civicline.core.directory.RingPreference;
import io.civicline.core.directory.StaffMember;
import io.civicline.core.directory.Tenant;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.Stored;
import io.civicline.core.validation.ObjectReader;
import io.civicline.routing.engine.CallContext;
import io.civicline.routing.engine.FlowVersions;
import io.civicline.routing.flow.Flow;
import io.civicline.routing.flow.Prompt;
import io.civicline.signaling.store.FlowStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Loads everything the engine may consult for a call of one town into a {@link CallContext}: the
 * town, departments with hours and holiday chains, closures, staff with presence, and the published
 * flows (plus the version a call in progress is pinned to). Parsed flow versions are cached: a
 * version never changes.
 */
public final class CallContextLoader {
  static final int PAGE = 200;
  static final String MAILBOXES = "mailboxes";
  private static final int MAX_CHAIN = 8;

  private final DocumentStore store;
  private final FlowStore flows;
  private final FlowCache cache;
  private final java.util.function.Function<String, Future<Map<String, String>>> deviceStates;
  private final java.util.function.Function<String, Future<Map<String, Instant>>> onCall;
  private final java.util.concurrent.ConcurrentMap<Reading, Future<TownDocuments>> inFlight =
      new java.util.concurrent.ConcurrentHashMap<>();

  public CallContextLoader(DocumentStore store, FlowStore flows, FlowCache cache) {
    this(store, flows, cache, tenant -> Future.succeededFuture(Map.of()));
  }

  /**
   * @param deviceStates a town's desk-phone states by device ({@code PJSIP/101 -> INUSE}), as a SIP
   *     server reports them; a staff member whose phone is in use is busy for ringing
   */
  public CallContextLoader(
      DocumentStore store,
      FlowStore flows,
      FlowCache cache,
      java.util.function.Function<String, Future<Map<String, String>>> deviceStates) {
    this(store, flows, cache, deviceStates, tenant -> Future.succeededFuture(Map.of()));
  }

  /**
   * @param onCall who of a town is connected on a call now ({@link
   *     io.civicline.core.presence.OnCalls#now}); they are busy for ringing too
   */
  public CallContextLoader(
      DocumentStore store,
      FlowStore flows,
      FlowCache cache,
      java.util.function.Function<String, Future<Map<String, String>>> deviceStates,
      java.util.function.Function<String, Future<Map<String, Instant>>> onCall) {
    this.store = store;
    this.flows = flows;
    this.cache = cache;
    this.deviceStates = deviceStates;
    this.onCall = onCall;
  }

  /** Device states that mean "on a call, do not ring": Asterisk's names. */
  static final java.util.Set<String> DEVICE_BUSY =
      java.util.Set.of("INUSE", "BUSY", "RINGING", "RINGINUSE", "ONHOLD");

  /** A pinned flow version a call in progress needs besides the published ones. */
  public record Pinned(String flowId, int version) {}

  public Future<Optional<CallContext>> load(String tenant, Instant now, Optional<Pinned> pinned) {
    return documents(tenant, pinned).map(documents -> build(tenant, documents, now));
  }

  /** Everything a town's calls read, as stored; turned into a context for a moment by build. */
  private record TownDocuments(
      Optional<Stored> town,
      List<Stored> departments,
      List<Stored> calendars,
      List<Stored> shared,
      List<Stored> closures,
      List<Stored> staff,
      List<Stored> presence,
      List<Stored> ringPreferences,
      FlowVersions catalog,
      List<Stored> mailboxes,
      Map<String, String> devices,
      Map<String, Instant> onCall) {}

  private record Reading(String tenant, Optional<Pinned> pinned) {}

  /**
   * Calls of one town that start or step at the same moment share one read of its documents (about
   * ten Redis round trips) instead of each making their own: hundreds of callers pressing a key
   * together otherwise queue thousands of reads (measured with bench's AgiLoad). Only a read still
   * in flight is shared, so a change written before it began is always seen.
   */
  private Future<TownDocuments> documents(String tenant, Optional<Pinned> pinned) {
    Reading reading = new Reading(tenant, pinned);
    Future<TownDocuments> existing = inFlight.get(reading);
    if (existing != null) {
      return existing;
    }
    io.vertx.core.Promise<TownDocuments> promise = io.vertx.core.Promise.promise();
    Future<TownDocuments> mine = promise.future();
    Future<TownDocuments> raced = inFlight.putIfAbsent(reading, mine);
    if (raced != null) {
      return raced;
    }
    read(tenant, pinned)
        .onComplete(
            done -> {
              inFlight.remove(reading, mine);
              promise.handle(done);
            });
    return mine;
  }

  private Future<TownDocuments> read(String tenant, Optional<Pinned> pinned) {
    Future<Optional<Stored>> town = store.get(tenant, Tenant.COLLECTION, tenant);
    Future<List<Stored>> departments = all(tenant, Department.COLLECTION);
    Future<List<Stored>> calendars = all(tenant, HolidayCalendar.COLLECTION);
    Future<List<Stored>> shared = all(DocumentStore.PLATFORM, HolidayCalendar.COLLECTION);
    Future<List<Stored>> closures = all(tenant, Closure.COLLECTION);
    Future<List<Stored>> staff = all(tenant, StaffMember.COLLECTION);
    Future<List<Stored>> presence = all(tenant, PresenceStatus.COLLECTION);
    Future<List<Stored>> ringPreferences = all(tenant, RingPreference.COLLECTION);
    Future<FlowVersions> catalog = catalog(tenant, pinned);
    Future<List<Stored>> mailboxes = all(tenant, MAILBOXES);
    Future<Map<String, String>> devices = deviceStates.apply(tenant);
    Future<Map<String, Instant>> talking = onCall.apply(tenant);
    return Future.all(
            List.of(
                town,
                departments,
                calendars,
                shared,
                closures,
                staff,
                presence,
                ringPreferences,
                catalog,
                mailboxes,
                devices,
                talking))
        .map(
            done ->
                new TownDocuments(
                    town.result(),
                    departments.result(),
                    calendars.result(),
                    shared.result(),
                    closures.result(),
                    staff.result(),
                    presence.result(),
                    ringPreferences.result(),
                    catalog.result(),
                    mailboxes.result(),
                    devices.result(),
                    talking.result()));
  }

  private Optional<CallContext> build(String tenant, TownDocuments d, Instant now) {
    if (d.town().isEmpty()) {
      return Optional.empty();
    }
    Tenant t = typed(d.town().get(), Tenant::parse);
    Map<CalendarRef, HolidayCalendar> allCalendars = calendars(d.calendars(), d.shared());
    return Optional.of(
        new CallContext(
            tenant,
            t.name(),
            t.timeZone(),
            t.defaultLanguage(),
            t.languages(),
            schedules(d.departments(), t, allCalendars),
            closures(d.closures(), now),
            staffViews(
                d.staff(),
                d.presence(),
                d.ringPreferences(),
                d.devices(),
                d.onCall().keySet(),
                now),
            d.catalog(),
            mailboxSettings(d.mailboxes())));
  }

  /** Each staff member's desk-phone extension by staff id, for channels that ring SIP phones. */
  public Future<Map<String, String>> extensions(String tenant) {
    return all(tenant, StaffMember.COLLECTION)
        .map(
            staff -> {
              Map<String, String> byStaff = new LinkedHashMap<>();
              staff.forEach(s -> byStaff.put(s.id(), typed(s, StaffMember::parse).extension()));
              return byStaff;
            });
  }

  /** Each staff member's mobile number (E.164) by staff id, for those who have one. */
  public Future<Map<String, String>> mobiles(String tenant) {
    return all(tenant, StaffMember.COLLECTION)
        .map(
            staff -> {
              Map<String, String> byStaff = new LinkedHashMap<>();
              staff.forEach(
                  s ->
                      typed(s, StaffMember::parse)
                          .mobile()
                          .ifPresent(mobile -> byStaff.put(s.id(), mobile)));
              return byStaff;
            });
  }

  private Future<FlowVersions> catalog(String tenant, Optional<Pinned> pinned) {
    return all(tenant, FlowStore.FLOWS)
        .compose(
            flowDocs -> {
              List<Future<Optional<FlowCache.Versioned>>> loads = new ArrayList<>();
              for (Stored flow : flowDocs) {
                Integer published = flow.body().getInteger("publishedVersion");
                if (published != null) {
                  loads.add(cache.load(tenant, flow.id(), published, flows));
                }
              }
              pinned.ifPresent(p -> loads.add(cache.load(tenant, p.flowId(), p.version(), flows)));
              return Future.all(loads)
                  .map(
                      done -> {
                        Map<String, Map<Integer, Flow>> versions = new HashMap<>();
                        Map<String, Integer> publishedVersions = new HashMap<>();
                        for (Stored flow : flowDocs) {
                          Integer published = flow.body().getInteger("publishedVersion");
                          if (published != null) {
                            publishedVersions.put(flow.id(), published);
                          }
                        }
                        for (Future<Optional<FlowCache.Versioned>> load : loads) {
                          load.result()
                              .ifPresent(
                                  v ->
                                      versions
                                          .computeIfAbsent(v.flow().id(), k -> new HashMap<>())
                                          .put(v.version(), v.flow()));
                        }
                        return new FlowVersions(versions, publishedVersions);
                      });
            });
  }

  /** Mailbox settings documents ({@code department-clerk}) as the engine needs them. */
  static Map<String, CallContext.MailboxSettings> mailboxSettings(List<Stored> stored) {
    Map<String, CallContext.MailboxSettings> settings = new HashMap<>();
    for (Stored s : stored) {
      int dash = s.id().indexOf('-');
      String mailbox = s.id().substring(0, dash) + ":" + s.id().substring(dash + 1);
      Map<String, String> texts = new HashMap<>();
      Map<String, String> recordings = new HashMap<>();
      io.vertx.core.json.JsonObject greetings =
          s.body().getJsonObject("greetings", new io.vertx.core.json.JsonObject());
      for (String language : greetings.fieldNames()) {
        io.vertx.core.json.JsonObject greeting = greetings.getJsonObject(language);
        if (greeting.getString("text") != null) {
          texts.put(language, greeting.getString("text"));
        }
        io.vertx.core.json.JsonObject audio = greeting.getJsonObject("audio");
        if (audio != null && audio.getString("sha256") != null) {
          recordings.put(language, audio.getString("sha256"));
        }
      }
      settings.put(
          mailbox,
          new CallContext.MailboxSettings(
              mailbox,
              texts,
              recordings,
              Optional.ofNullable(s.body().getInteger("maxMessageSeconds"))));
    }
    return settings;
  }

  /** Every document of a collection (towns hold a few hundred at most). */
  private Future<List<Stored>> all(String scope, String collection) {
    return page(scope, collection, null, new ArrayList<>());
  }

  private Future<List<Stored>> page(
      String scope, String collection, String cursor, List<Stored> found) {
    return store
        .list(scope, collection, cursor, PAGE)
        .compose(
            page -> {
              found.addAll(page.items());
              return page.next().isPresent()
                  ? page(scope, collection, page.next().get(), found)
                  : Future.succeededFuture(found);
            });
  }

  private static Map<CalendarRef, HolidayCalendar> calendars(
      List<Stored> own, List<Stored> shared) {
    Map<CalendarRef, HolidayCalendar> all = new HashMap<>();
    own.forEach(
        s -> all.put(CalendarRef.tenant(s.id()), HolidayCalendar.fromJson(s.id(), s.body())));
    shared.forEach(
        s -> all.put(CalendarRef.shared(s.id()), HolidayCalendar.fromJson(s.id(), s.body())));
    return all;
  }

  /** The calendar and its ancestors, nearest first. */
  static List<HolidayCalendar> chain(
      Optional<CalendarRef> start, Map<CalendarRef, HolidayCalendar> all) {
    List<HolidayCalendar> chain = new ArrayList<>();
    Optional<CalendarRef> next = start;
    while (next.isPresent() && chain.size() < MAX_CHAIN) {
      HolidayCalendar calendar = all.get(next.get());
      if (calendar == null) {
        break;
      }
      chain.add(calendar);
      boolean shared = next.get().scope() == CalendarRef.Scope.SHARED;
      next = calendar.parent().map(p -> shared ? CalendarRef.shared(p.id()) : p);
    }
    return chain;
  }

  private static Map<String, CallContext.DepartmentSchedule> schedules(
      List<Stored> departments, Tenant tenant, Map<CalendarRef, HolidayCalendar> calendars) {
    Map<String, CallContext.DepartmentSchedule> schedules = new LinkedHashMap<>();
    for (Stored stored : departments) {
      Department department = typed(stored, Department::parse);
      Optional<CalendarRef> calendar = department.holidayCalendar().or(tenant::holidayCalendar);
      schedules.put(
          department.id(),
          new CallContext.DepartmentSchedule(department.hours(), chain(calendar, calendars)));
    }
    return schedules;
  }

  private static List<CallContext.Closure> closures(List<Stored> stored, Instant now) {
    List<CallContext.Closure> closures = new ArrayList<>();
    for (Stored s : stored) {
      Closure closure = typed(s, (id, in) -> Closure.parse(id, in, now));
      if (closure.endsAt().isAfter(now)) {
        closures.add(
            new CallContext.Closure(
                closure.id(),
                closure.department(),
                new Prompt(closure.message()),
                closure.startsAt(),
                closure.endsAt()));
      }
    }
    return closures;
  }

  private static Map<String, CallContext.StaffView> staffViews(
      List<Stored> staff,
      List<Stored> presence,
      List<Stored> ringPreferences,
      Map<String, String> devices,
      java.util.Set<String> onCall,
      Instant now) {
    Map<String, RingPreference.RingOn> ringOn = new HashMap<>();
    ringPreferences.forEach(p -> ringOn.put(p.id(), typed(p, RingPreference::parse).ringOn()));
    Map<String, PresenceStatus> statuses = new HashMap<>();
    presence.forEach(
        p -> statuses.put(p.id(), typed(p, (id, in) -> PresenceStatus.parse(id, in, now))));
    Map<String, CallContext.StaffView> views = new LinkedHashMap<>();
    for (Stored stored : staff) {
      StaffMember member = typed(stored, StaffMember::parse);
      PresenceStatus status =
          statuses
              .getOrDefault(
                  member.id(),
                  new PresenceStatus(member.id(), PresenceStatus.Status.OFFLINE, Instant.EPOCH))
              .at(now);
      RingPreference.RingOn rings = ringOn.getOrDefault(member.id(), RingPreference.RingOn.BOTH);
      views.put(
          member.id(),
          new CallContext.StaffView(
              member.id(),
              member.name(),
              member.departmentIds(),
              rings.app(),
              member.mobile().filter(mobile -> rings.mobile()),
              presence(
                  status, devices.get("PJSIP/" + member.extension()), onCall.contains(member.id())),
              status.since()));
    }
    return views;
  }

  /**
   * What staff set, except that an available member who is on a call, or whose desk phone is in
   * use, is busy.
   */
  private static CallContext.Presence presence(
      PresenceStatus status, String deviceState, boolean onCall) {
    CallContext.Presence set = CallContext.Presence.valueOf(status.status().name());
    boolean deskInUse = deviceState != null && DEVICE_BUSY.contains(deviceState);
    return set == CallContext.Presence.AVAILABLE && (deskInUse || onCall)
        ? CallContext.Presence.BUSY
        : set;
  }

  /** A stored document as its typed object; stored documents passed validation when written. */
  static <T> T typed(Stored stored, BiFunction<String, ObjectReader, T> parser) {
    return stored.parsed(parser);
  }
}
