package io.civicline.voicemail.notify;

import io.vertx.core.Future;
import java.util.List;

/** Delivers a voicemail notice to people. */
public interface Notifier {

  /**
   * Sends one notice to every recipient. The future fails when delivery fails; the notifier does
   * not retry, so the caller decides (see {@link NotificationException#temporary()}).
   *
   * @param recipients addresses in the notifier's terms (e-mail addresses for e-mail)
   */
  Future<Void> notify(VoicemailNotice notice, List<String> recipients);
}
