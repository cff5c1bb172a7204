package io.civicline.mobileapi.push;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The push service a device's token belongs to. */
public enum Platform {
  /** Firebase Cloud Messaging (Android, and iOS apps that use Firebase). */
  FCM,
  /** Apple Push Notification service. */
  APNS;

  /** As the API and the store spell it: {@code fcm}, {@code apns}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Platform> fromWire(String text) {
    return Arrays.stream(values()).filter(p -> p.wire().equals(text)).findFirst();
  }
}
