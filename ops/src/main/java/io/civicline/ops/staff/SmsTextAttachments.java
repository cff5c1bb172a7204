package io.civicline.ops.staff;

import io.civicline.mobileapi.texts.TextAttachments;
import io.civicline.signaling.sms.MediaStore;
import io.civicline.signaling.sms.SmsMessage;
import io.civicline.signaling.sms.SmsStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Residents' MMS attachments for the staff API: found among the thread's messages by their media id
 * (Twilio's {@code ME...}), read from the media store with their checksum verified.
 */
public final class SmsTextAttachments implements TextAttachments {
  private static final Pattern MEDIA_ID = Pattern.compile("ME[0-9a-fA-F]{32}");

  /** How far back in a thread attachments are looked for. */
  static final int SEARCHED_TEXTS = 200;

  private final SmsStore store;
  private final MediaStore media;

  public SmsTextAttachments(SmsStore store, MediaStore media) {
    this.store = store;
    this.media = media;
  }

  @Override
  public Future<Optional<Attachment>> attachment(String tenant, String threadId, String mediaId) {
    if (!MEDIA_ID.matcher(mediaId).matches()) {
      return Future.succeededFuture(Optional.empty());
    }
    return store
        .messages(tenant, threadId, SEARCHED_TEXTS)
        .compose(
            messages -> {
              Optional<JsonObject> kept =
                  messages.stream()
                      .map(SmsMessage::media)
                      .flatMap(list -> list.stream())
                      .filter(JsonObject.class::isInstance)
                      .map(JsonObject.class::cast)
                      .filter(ref -> mediaId.equals(ref.getString("sid")) && ref.containsKey("key"))
                      .findFirst();
              if (kept.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
              }
              JsonObject ref = kept.get();
              return media
                  .read(ref.getString("key"), ref.getString("sha256"))
                  .map(bytes -> Optional.of(new Attachment(ref.getString("contentType"), bytes)));
            });
  }
}
