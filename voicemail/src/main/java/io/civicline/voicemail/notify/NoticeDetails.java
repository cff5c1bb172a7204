package io.civicline.voicemail.notify;

import io.civicline.voicemail.message.VoicemailMessage;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Who hears about a message and how it is described to them (town, mailbox, link). */
@FunctionalInterface
public interface NoticeDetails {

  /** A notice and its recipients; empty when nobody is to be told. */
  record Delivery(VoicemailNotice notice, List<String> recipients) {}

  Future<Optional<Delivery>> describe(String tenant, VoicemailMessage message);
}
