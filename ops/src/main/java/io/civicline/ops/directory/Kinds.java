package io.civicline.ops.directory;

import io.civicline.core.directory.Closure;
import io.civicline.core.directory.Department;
import io.civicline.core.directory.HolidayCalendar;
import io.civicline.core.directory.PhoneNumber;
import io.civicline.core.directory.PresenceStatus;
import io.civicline.core.directory.StaffMember;
import io.civicline.core.directory.Tenant;
import io.civicline.core.http.Problem;
import io.civicline.core.store.Actor;
import io.civicline.core.store.DocumentStore;
import io.civicline.core.store.StoreException;
import io.civicline.core.validation.InvalidInputException;
import io.civicline.signaling.store.NumberRegistry;
import io.civicline.voicemail.mailbox.Mailbox;
import io.civicline.voicemail.mailbox.MailboxPins;
import io.civicline.voicemail.message.MessageStore;
import io.civicline.voicemail.store.GreetingRecordings;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The kinds of directory object the admin API serves, with the rules each needs. */
public final class Kinds {
  public final Kind<Tenant> tenant = new Kind<>(Tenant.COLLECTION, "tenant", "town", Tenant::parse);
  public final Kind<Department> departments =
      new Kind<>(Department.COLLECTION, "department", "dep", Department::parse);
  public final Kind<StaffMember> staff;
  public final Kind<PhoneNumber> numbers;
  public final Kind<HolidayCalendar> calendars;
  public final Kind<Closure> closures;
  public final Kind<Mailbox> mailboxes;

  /** Presence has its own routes (an upsert per staff member), not the generic collection ones. */
  public final Kind<PresenceStatus> presence;

  public Kinds(
      Clock clock,
      NumberRegistry registry,
      HolidayService holidays,
      DocumentStore store,
      MessageStore messages,
      MailboxPins pins,
      GreetingRecordings greetings) {
    this(
        clock,
        registry,
        holidays,
        store,
        messages,
        pins,
        greetings,
        (tenant, staffId) -> Future.succeededFuture());
  }

  /**
   * @param staffGone ends what a deleted staff member still holds elsewhere (their staff-app
   *     sessions), after the delete
   */
  public Kinds(
      Clock clock,
      NumberRegistry registry,
      HolidayService holidays,
      DocumentStore store,
      MessageStore messages,
      MailboxPins pins,
      GreetingRecordings greetings,
      java.util.function.BiFunction<String, String, Future<?>> staffGone) {
    mailboxes =
        new Kind<>(
            Mailbox.COLLECTION,
            "mailbox",
            "mbx",
            Mailbox::parse,
            mailboxHooks(messages, pins, greetings));
    staff =
        new Kind<>(
            StaffMember.COLLECTION,
            "staff member",
            "stf",
            StaffMember::parse,
            staffHooks(store, staffGone));
    numbers =
        new Kind<>(
            PhoneNumber.COLLECTION, "number", "num", PhoneNumber::parse, numberHooks(registry));
    calendars =
        new Kind<>(
            HolidayCalendar.COLLECTION,
            "holiday calendar",
            "cal",
            (id, in) -> HolidayCalendar.fromJson(id, in.json(), in.errors()),
            new Kind.Hooks<>() {
              @Override
              public Future<Void> beforeWrite(
                  Scope scope, HolidayCalendar next, Optional<HolidayCalendar> previous) {
                return holidays.checkParent(scope, next);
              }
            });
    closures =
        new Kind<>(
            Closure.COLLECTION,
            "closure",
            "cls",
            (id, in) -> Closure.parse(id, in, clock.instant()),
            closureHooks(clock));
    presence =
        new Kind<>(
            PresenceStatus.COLLECTION,
            "presence",
            "prs",
            (id, in) -> PresenceStatus.parse(id, in, clock.instant()));
  }

  /** The collections a tenant holds through the generic routes. */
  public List<Kind<?>> tenantCollections() {
    return List.of(departments, staff, numbers, calendars, closures, mailboxes);
  }

  /** The collections that must be empty before a tenant can be deleted. */
  public List<String> mustBeEmptyToDeleteTenant() {
    List<String> collections = new ArrayList<>();
    tenantCollections().forEach(kind -> collections.add(kind.collection()));
    collections.add(PhoneNumber.FLOWS);
    return collections;
  }

  private static Kind.Hooks<PhoneNumber> numberHooks(NumberRegistry registry) {
    return new Kind.Hooks<>() {
      @Override
      public Future<Void> beforeWrite(
          Scope scope, PhoneNumber next, Optional<PhoneNumber> previous) {
        if (previous.isPresent() && !previous.get().number().equals(next.number())) {
          throw new InvalidInputException(
              "#/number", "cannot change; add the new number and delete this one");
        }
        return registry.claim(scope.id(), next.number());
      }

      @Override
      public Future<Void> afterDelete(Scope scope, PhoneNumber deleted) {
        return registry.release(scope.id(), deleted.number());
      }
    };
  }

  /** A staff member's presence and ring preference live beside them and go with them. */
  private static Kind.Hooks<StaffMember> staffHooks(
      DocumentStore store, java.util.function.BiFunction<String, String, Future<?>> staffGone) {
    return new Kind.Hooks<>() {
      @Override
      public Future<Void> afterDelete(Scope scope, StaffMember deleted) {
        return staffGone.apply(scope.id(), deleted.id()).mapEmpty();
      }

      @Override
      public Future<Void> beforeDelete(Scope scope, StaffMember current, Actor actor) {
        return deleteIfThere(scope, PresenceStatus.COLLECTION, current, actor)
            .compose(
                v ->
                    deleteIfThere(
                        scope,
                        io.civicline.core.directory.RingPreference.COLLECTION,
                        current,
                        actor));
      }

      private Future<Void> deleteIfThere(
          Scope scope, String collection, StaffMember member, Actor actor) {
        return store
            .delete(scope.id(), collection, member.id(), OptionalLong.empty(), actor, List.of())
            .<Void>mapEmpty()
            .recover(
                failure ->
                    failure instanceof StoreException.NotFound
                        ? Future.succeededFuture()
                        : Future.failedFuture(failure));
      }
    };
  }

  /**
   * A mailbox keeps its PIN state across replaces; its legal hold is mirrored to the message store
   * (set before the write, so a failure errs towards holding; lifted only after it); a held mailbox
   * cannot be deleted; a deleted mailbox's PIN and greeting recordings go with it.
   */
  private static Kind.Hooks<Mailbox> mailboxHooks(
      MessageStore messages, MailboxPins pins, GreetingRecordings greetings) {
    return new Kind.Hooks<>() {
      @Override
      public Mailbox merge(Mailbox parsed, Optional<Mailbox> previous) {
        return previous.map(parsed::keeping).orElseGet(parsed::withoutPin);
      }

      @Override
      public Future<Void> beforeWrite(Scope scope, Mailbox next, Optional<Mailbox> previous) {
        return next.legalHold()
            ? messages.holdMailbox(scope.id(), next.address(), true)
            : Future.succeededFuture();
      }

      @Override
      public Future<Void> afterWrite(Scope scope, Mailbox written, Optional<Mailbox> previous) {
        return written.legalHold()
            ? Future.succeededFuture()
            : messages.holdMailbox(scope.id(), written.address(), false);
      }

      @Override
      public Future<Void> beforeDelete(Scope scope, Mailbox current, Actor actor) {
        if (current.legalHold()) {
          throw Problem.conflict(
              "legal-hold",
              "mailbox '" + current.id() + "' is on legal hold; lift the hold before deleting it",
              List.of());
        }
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> afterDelete(Scope scope, Mailbox deleted) {
        Future<Void> chain = pins.clear(scope.id(), deleted.address());
        for (var greeting : deleted.audioGreetings().entrySet()) {
          // Best effort: the settings are gone, a file left behind is only unused.
          chain =
              chain.compose(
                  v ->
                      greetings
                          .delete(
                              scope.id(),
                              deleted.id(),
                              greeting.getKey(),
                              greeting.getValue().sha256())
                          .otherwise((Void) null));
        }
        return chain;
      }
    };
  }

  /** A new closure must still be ahead of its end: one that already lapsed would do nothing. */
  private static Kind.Hooks<Closure> closureHooks(Clock clock) {
    return new Kind.Hooks<>() {
      @Override
      public Future<Void> beforeWrite(Scope scope, Closure next, Optional<Closure> previous) {
        if (previous.isEmpty() && !next.endsAt().isAfter(clock.instant())) {
          throw new InvalidInputException(
              "#/endsAt", "is in the past; a closure lapses by itself at its end");
        }
        return Future.succeededFuture();
      }
    };
  }
}
