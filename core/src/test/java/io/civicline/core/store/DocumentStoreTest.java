package io.civicline.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class DocumentStoreTest {
  private static final Actor ADMIN = new Actor("tok-1", "test admin");
  private final RedisServer server;
  private RedisTestBed bed;
  private Vertx vertx;
  private Redis redis;
  private DocumentStore store;

  DocumentStoreTest(RedisServer server) {
    this.server = server;
  }

  @BeforeEach
  void connect() {
    bed = RedisTestBed.open(server);
    vertx = bed.vertx();
    redis = bed.redis();
    store =
        new DocumentStore(
            redis, Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    bed.close();
  }

  @Test
  void createsReadsAndVersions() {
    Stored created = await(store.create(dept("lakeside", "clerk", "Clerk")));
    assertThat(created.version()).isEqualTo(1);
    assertThat(created.etag()).isEqualTo("\"1\"");

    Stored replaced = await(store.replace(dept("lakeside", "clerk", "Town Clerk"), 1));
    assertThat(replaced.version()).isEqualTo(2);
    Stored read = await(store.get("lakeside", "departments", "clerk")).orElseThrow();
    assertThat(read.body().getString("name")).isEqualTo("Town Clerk");
    assertThat(read.createdAt()).isEqualTo(created.createdAt());
  }

  @Test
  void staleVersionIsRefusedAndChangesNothing() {
    await(store.create(dept("lakeside", "clerk", "Clerk")));
    await(store.replace(dept("lakeside", "clerk", "Town Clerk"), 1));

    assertThatThrownBy(() -> await(store.replace(dept("lakeside", "clerk", "Lost update"), 1)))
        .isInstanceOf(StoreException.VersionMismatch.class);
    assertThat(await(store.get("lakeside", "departments", "clerk")).orElseThrow().body())
        .isEqualTo(new JsonObject().put("name", "Town Clerk"));
  }

  @Test
  void createOfAnExistingIdIsRefused() {
    await(store.create(dept("lakeside", "clerk", "Clerk")));
    assertThatThrownBy(() -> await(store.create(dept("lakeside", "clerk", "Again"))))
        .isInstanceOf(StoreException.AlreadyExists.class);
  }

  @Test
  void referencesMustExistAndBlockDeletion() {
    assertThatThrownBy(() -> await(store.create(staff("ann", "clerk", "101"))))
        .isInstanceOfSatisfying(
            StoreException.MissingReferences.class,
            e -> assertThat(e.fields()).containsExactly("#/departmentIds/0"));
    assertThat(await(store.count("lakeside", "staff"))).isZero();

    await(store.create(dept("lakeside", "clerk", "Clerk")));
    await(store.create(staff("ann", "clerk", "101")));
    assertThatThrownBy(() -> await(deleteDept("clerk")))
        .isInstanceOfSatisfying(
            StoreException.StillReferenced.class,
            e -> assertThat(e.referrers()).containsExactly("staff/ann"));

    await(store.delete("lakeside", "staff", "ann", OptionalLong.empty(), ADMIN, List.of()));
    await(deleteDept("clerk"));
    assertThat(await(store.get("lakeside", "departments", "clerk"))).isEmpty();
  }

  @Test
  void replacingDropsOldReferences() {
    await(store.create(dept("lakeside", "clerk", "Clerk")));
    await(store.create(dept("lakeside", "parks", "Parks")));
    await(store.create(staff("ann", "clerk", "101")));
    await(store.replace(staff("ann", "parks", "101"), 1));

    await(deleteDept("clerk"));
    assertThatThrownBy(() -> await(deleteDept("parks")))
        .isInstanceOf(StoreException.StillReferenced.class);
  }

  @Test
  void uniqueValuesAreClaimedAndReleased() {
    await(store.create(dept("lakeside", "clerk", "Clerk")));
    await(store.create(staff("ann", "clerk", "101")));
    assertThatThrownBy(() -> await(store.create(staff("bob", "clerk", "101"))))
        .isInstanceOfSatisfying(
            StoreException.UniqueTaken.class,
            e -> {
              assertThat(e.owner()).isEqualTo("ann");
              assertThat(e.field()).isEqualTo("#/extension");
            });

    await(store.replace(staff("ann", "clerk", "102"), 1));
    await(store.create(staff("bob", "clerk", "101")));
    assertThat(await(store.count("lakeside", "staff"))).isEqualTo(2);
  }

  @Test
  void tenantsDoNotShareKeysOrIds() {
    await(store.create(dept("lakeside", "clerk", "Lakeside Clerk")));
    await(store.create(dept("riverton", "clerk", "Riverton Clerk")));

    assertThat(await(store.get("riverton", "departments", "clerk")).orElseThrow().body())
        .isEqualTo(new JsonObject().put("name", "Riverton Clerk"));
    assertThat(await(store.list("lakeside", "departments", null, 10)).items())
        .extracting(s -> s.body().getString("name"))
        .containsExactly("Lakeside Clerk");
  }

  @Test
  void listsInPagesWithACursor() {
    for (String id : List.of("a", "b", "c", "d", "e")) {
      await(store.create(dept("lakeside", id, id.toUpperCase())));
    }
    Page<Stored> first = await(store.list("lakeside", "departments", null, 2));
    assertThat(first.items()).extracting(Stored::id).containsExactly("a", "b");
    Page<Stored> second = await(store.list("lakeside", "departments", first.next().get(), 2));
    assertThat(second.items()).extracting(Stored::id).containsExactly("c", "d");
    Page<Stored> last = await(store.list("lakeside", "departments", second.next().get(), 2));
    assertThat(last.items()).extracting(Stored::id).containsExactly("e");
    assertThat(last.next()).isEmpty();
  }

  @Test
  void everyChangeIsAuditedWithBeforeAndAfter() {
    await(store.create(dept("lakeside", "clerk", "Clerk")));
    await(store.replace(dept("lakeside", "clerk", "Town Clerk"), 1));
    await(deleteDept("clerk"));

    List<AuditEntry> entries = await(new AuditTrail(redis).list("lakeside", null, 10)).items();
    assertThat(entries)
        .extracting(AuditEntry::action)
        .containsExactly("delete", "update", "create");
    AuditEntry update = entries.get(1);
    assertThat(update.actor().getString("name")).isEqualTo("test admin");
    assertThat(update.resource()).isEqualTo("departments/clerk");
    assertThat(update.before()).isEqualTo(new JsonObject().put("name", "Clerk"));
    assertThat(update.after()).isEqualTo(new JsonObject().put("name", "Town Clerk"));
  }

  @Test
  void emptyScopeCheckRefusesDeletingATenantThatHoldsObjects() {
    await(store.create(tenant("lakeside")));
    await(store.create(dept("lakeside", "clerk", "Clerk")));
    assertThatThrownBy(
            () ->
                await(
                    store.delete(
                        "lakeside",
                        "tenant",
                        "lakeside",
                        OptionalLong.empty(),
                        ADMIN,
                        List.of("departments", "staff"))))
        .isInstanceOfSatisfying(
            StoreException.NotEmpty.class,
            e -> assertThat(e.holding()).containsExactly("departments=1"));
  }

  @Test
  void acknowledgedWritesSurviveARedisCrash() {
    await(store.create(dept("lakeside", "clerk", "Clerk")));
    await(store.replace(dept("lakeside", "clerk", "Town Clerk"), 1));
    server.kill9();
    server.restart();

    Stored read = await(store.get("lakeside", "departments", "clerk")).orElseThrow();
    assertThat(read.version()).isEqualTo(2);
    assertThat(read.body().getString("name")).isEqualTo("Town Clerk");
  }

  private Future<Void> deleteDept(String id) {
    return store.delete("lakeside", "departments", id, OptionalLong.empty(), ADMIN, List.of());
  }

  private static DocumentStore.Write dept(String tenant, String id, String name) {
    return new DocumentStore.Write(
        tenant, "departments", id, new JsonObject().put("name", name), List.of(), List.of(), ADMIN);
  }

  private static DocumentStore.Write tenant(String id) {
    return new DocumentStore.Write(
        id, "tenant", id, new JsonObject().put("name", id), List.of(), List.of(), ADMIN);
  }

  private static DocumentStore.Write staff(String id, String department, String extension) {
    return new DocumentStore.Write(
        "lakeside",
        "staff",
        id,
        new JsonObject().put("department", department).put("extension", extension),
        List.of(new Ref("departments", department, "#/departmentIds/0")),
        List.of(new UniqueValue("staff-extension", extension, "#/extension")),
        ADMIN);
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
