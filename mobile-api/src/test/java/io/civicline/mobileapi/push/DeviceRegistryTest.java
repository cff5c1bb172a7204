package io.civicline.mobileapi.push;

import static io.civicline.core.testing.RedisTestBed.await;
import static io.civicline.mobileapi.push.PushFixtures.apnsToken;
import static io.civicline.mobileapi.push.PushFixtures.fcmToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.civicline.core.testing.RedisTestBed;
import io.civicline.testkit.RedisExtension;
import io.civicline.testkit.RedisServer;
import io.civicline.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class DeviceRegistryTest {
  private final RedisTestBed bed;
  private final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final DeviceRegistry registry;

  DeviceRegistryTest(RedisServer redis) {
    this.bed = RedisTestBed.open(redis);
    this.registry = new DeviceRegistry(bed.redis(), clock);
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  @Test
  void registeringTheSameTokenAgainUpdatesTheOneDevice() {
    Device first = await(registry.register("lakeside", "ann", Platform.FCM, fcmToken(1), "1.0"));
    clock.advance(Duration.ofDays(1));
    Device again = await(registry.register("lakeside", "ann", Platform.FCM, fcmToken(1), "1.1"));

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(await(registry.list("lakeside", "ann")))
        .singleElement()
        .satisfies(
            device -> {
              assertThat(device.appVersion()).isEqualTo("1.1");
              assertThat(device.token()).isEqualTo(fcmToken(1));
              assertThat(device.registeredAt()).isEqualTo(clock.instant());
            });
  }

  @Test
  void aPhoneSignedIntoByAColleagueMovesToThem() {
    await(registry.register("lakeside", "ann", Platform.APNS, apnsToken(1), "1.0"));
    await(registry.register("lakeside", "bob", Platform.APNS, apnsToken(1), "1.0"));

    assertThat(await(registry.list("lakeside", "ann"))).isEmpty();
    assertThat(await(registry.list("lakeside", "bob"))).hasSize(1);
  }

  @Test
  void onlyTheOwnerRemovesADeviceAndTownsAreApart() {
    Device device = await(registry.register("lakeside", "ann", Platform.FCM, fcmToken(2), "1"));

    assertThat(await(registry.remove("lakeside", "bob", device.id()))).isFalse();
    assertThat(await(registry.remove("riverton", "ann", device.id()))).isFalse();
    assertThat(await(registry.list("riverton", "ann"))).isEmpty();
    assertThat(await(registry.list("lakeside", "ann"))).hasSize(1);

    assertThat(await(registry.prune("lakeside", "ann", device))).isTrue();
    assertThat(await(registry.list("lakeside", "ann"))).isEmpty();
    assertThat(await(registry.remove("lakeside", "ann", device.id()))).isFalse();
  }

  @Test
  void pastTheCapTheOldestRegistrationGoes() {
    for (int i = 0; i <= DeviceRegistry.MAX_PER_STAFF; i++) {
      await(registry.register("lakeside", "ann", Platform.FCM, fcmToken(100 + i), "1"));
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(await(registry.list("lakeside", "ann")))
        .hasSize(DeviceRegistry.MAX_PER_STAFF)
        .extracting(Device::token)
        .doesNotContain(fcmToken(100))
        .contains(fcmToken(101), fcmToken(100 + DeviceRegistry.MAX_PER_STAFF));
  }
}
