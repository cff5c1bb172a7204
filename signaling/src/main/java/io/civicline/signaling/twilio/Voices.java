package io.civicline.signaling.twilio;

import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Say;
import java.util.Locale;

/**
 * Which text-to-speech voice speaks each language, so a caller who chose Spanish hears Spanish
 * spoken by a Spanish voice.
 */
final class Voices {
  private Voices() {}

  /** The voice and Twilio language for a language tag, falling back to US English. */
  record Voice(Say.Voice voice, Say.Language say, Gather.Language gather) {}

  static Voice of(String languageTag) {
    String tag = languageTag.toLowerCase(Locale.ROOT);
    if (tag.equals("es-mx")) {
      return new Voice(Say.Voice.POLLY_MIA, Say.Language.ES_MX, Gather.Language.ES_MX);
    }
    if (tag.startsWith("es")) {
      return new Voice(Say.Voice.POLLY_LUPE, Say.Language.ES_US, Gather.Language.ES_US);
    }
    if (tag.startsWith("fr")) {
      return new Voice(Say.Voice.POLLY_LEA, Say.Language.FR_FR, Gather.Language.FR_FR);
    }
    return new Voice(Say.Voice.POLLY_JOANNA, Say.Language.EN_US, Gather.Language.EN_US);
  }
}
