package io.civicline.routing.sms;

import java.util.Locale;
import java.util.Map;

/**
 * What the platform itself texts residents (closed auto-reply, hours, HELP and START answers), in
 * the languages it knows, English otherwise. Towns can word HELP themselves in their rules.
 */
public enum SmsPhrases {
  CLOSED(
      "Thank you for your message. We are closed right now and will answer when we reopen.",
      "Gracias por su mensaje. Ahora estamos cerrados y le responderemos cuando volvamos a abrir.",
      "Merci pour votre message. Nous sommes fermés en ce moment et vous répondrons à la"
          + " réouverture."),
  CLOSED_HOLIDAY(
      "Thank you for your message. We are closed today for %s and will answer when we reopen.",
      "Gracias por su mensaje. Hoy estamos cerrados por %s y le responderemos cuando volvamos a"
          + " abrir.",
      "Merci pour votre message. Nous sommes fermés aujourd'hui (%s) et vous répondrons à la"
          + " réouverture."),
  HOURS("Our hours: %s.", "Nuestro horario: %s.", "Nos horaires : %s."),
  HELP(
      "You are texting your town hall: staff answer during office hours. Reply STOP to stop"
          + " texts, START to get them again.",
      "Está escribiendo a su ayuntamiento: el personal responde en horario de oficina. Responda"
          + " STOP para no recibir más mensajes, START para volver a recibirlos.",
      "Vous écrivez à votre mairie : le personnel répond aux heures d'ouverture. Répondez STOP"
          + " pour ne plus recevoir de messages, START pour les recevoir à nouveau."),
  STARTED(
      "You will get texts from this number again. Reply STOP to stop, HELP for help.",
      "Volverá a recibir mensajes de este número. Responda STOP para detenerlos, HELP para ayuda.",
      "Vous recevrez de nouveau les messages de ce numéro. Répondez STOP pour arrêter, HELP pour"
          + " de l'aide.");

  private final Map<String, String> texts;

  SmsPhrases(String english, String spanish, String french) {
    this.texts = Map.of("en", english, "es", spanish, "fr", french);
  }

  /** The phrase in {@code language} (its base language for tags like es-MX), else English. */
  public String in(String language, Object... args) {
    String text = texts.get(base(language));
    return String.format(Locale.ROOT, text != null ? text : texts.get("en"), args);
  }

  /** The language {@link #in} answers in for {@code language}. */
  public static String spokenAs(String language) {
    return Map.of("en", 1, "es", 1, "fr", 1).containsKey(base(language)) ? language : "en";
  }

  static String base(String language) {
    int dash = language.indexOf('-');
    return dash < 0 ? language : language.substring(0, dash);
  }
}
