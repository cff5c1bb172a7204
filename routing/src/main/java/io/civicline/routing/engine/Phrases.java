package io.civicline.routing.engine;

import java.util.Locale;
import java.util.Map;

/**
 * The few sentences the platform itself says (invalid choice, queue position, callback offer), in
 * the languages it knows. Towns word everything else in their flows.
 */
public enum Phrases {
  INVALID_CHOICE(
      "Sorry, that is not a valid choice.",
      "Lo siento, esa no es una opción válida.",
      "Désolé, ce choix n'est pas valide."),
  NO_INPUT(
      "Sorry, I did not hear a choice.",
      "Lo siento, no escuché ninguna opción.",
      "Désolé, je n'ai entendu aucun choix."),
  QUEUE_POSITION(
      "You are number %d in line.",
      "Usted es el número %d en la fila.", "Vous êtes le numéro %d dans la file."),
  ESTIMATED_WAIT(
      "The estimated wait is about %d minutes.",
      "El tiempo de espera estimado es de unos %d minutos.",
      "L'attente estimée est d'environ %d minutes."),
  CALLBACK_OFFER(
      "To hang up and get a call back without losing your place, press 1.",
      "Para colgar y recibir una llamada sin perder su lugar, oprima 1.",
      "Pour raccrocher et être rappelé sans perdre votre place, appuyez sur 1."),
  CALLBACK_CONFIRMED(
      "Thank you. We will call you back at this number, in your turn. Goodbye.",
      "Gracias. Le llamaremos a este número cuando sea su turno. Adiós.",
      "Merci. Nous vous rappellerons à ce numéro, à votre tour. Au revoir."),
  CALLBACK_GREETING(
      "Hello, this is %s returning your call. Please hold while we connect you.",
      "Hola, le llama %s para devolverle su llamada. Por favor espere mientras le comunicamos.",
      "Bonjour, ici %s, nous vous rappelons. Veuillez patienter, nous vous mettons en relation."),
  COLLEAGUE_UNAVAILABLE(
      "%s is not available. Please leave a message after the tone.",
      "%s no está disponible. Deje un mensaje después del tono.",
      "%s n'est pas disponible. Laissez un message après le bip."),
  VOICEMAIL_SAVED(
      "Thank you, your message has been saved. Goodbye.",
      "Gracias, su mensaje ha sido guardado. Adiós.",
      "Merci, votre message a été enregistré. Au revoir."),
  MAILBOX_NUMBER(
      "Please enter your mailbox number, then press pound.",
      "Por favor marque el número de su buzón y luego oprima la tecla de numeral.",
      "Veuillez composer le numéro de votre boîte vocale, puis appuyez sur dièse."),
  MAILBOX_PIN(
      "Please enter your PIN, then press pound.",
      "Por favor marque su PIN y luego oprima la tecla de numeral.",
      "Veuillez composer votre code, puis appuyez sur dièse."),
  MAILBOX_REFUSED(
      "That mailbox and PIN do not match.",
      "Ese buzón y ese PIN no coinciden.",
      "Cette boîte vocale et ce code ne correspondent pas."),
  GOODBYE("Goodbye.", "Adiós.", "Au revoir."),
  NO_MESSAGES(
      "You have no messages. Goodbye.",
      "No tiene mensajes. Adiós.",
      "Vous n'avez aucun message. Au revoir."),
  ONE_NEW_MESSAGE(
      "You have 1 new message.", "Tiene 1 mensaje nuevo.", "Vous avez 1 nouveau message."),
  NEW_MESSAGES(
      "You have %d new messages.", "Tiene %d mensajes nuevos.", "Vous avez %d nouveaux messages."),
  ONE_SAVED_MESSAGE(
      "You have 1 saved message.", "Tiene 1 mensaje guardado.", "Vous avez 1 message enregistré."),
  SAVED_MESSAGES(
      "You have %d saved messages.",
      "Tiene %d mensajes guardados.", "Vous avez %d messages enregistrés."),
  MESSAGE_FROM(
      "Message received %s, from %s.",
      "Mensaje recibido el %s, del número %s.", "Message reçu le %s, du numéro %s."),
  UNKNOWN_NUMBER("an unknown number", "desconocido", "inconnu"),
  MESSAGE_MENU(
      "To save this message, press 1. To delete it, press 7. To skip it, press pound.",
      "Para guardar este mensaje, oprima 1. Para borrarlo, oprima 7. Para pasar al siguiente,"
          + " oprima la tecla de numeral.",
      "Pour enregistrer ce message, appuyez sur 1. Pour le supprimer, appuyez sur 7. Pour"
          + " passer au suivant, appuyez sur dièse."),
  MESSAGE_SAVED("Message saved.", "Mensaje guardado.", "Message enregistré."),
  MESSAGE_DELETED("Message deleted.", "Mensaje borrado.", "Message supprimé."),
  MESSAGE_KEPT(
      "That message is kept and cannot be deleted now.",
      "Ese mensaje está retenido y no se puede borrar ahora.",
      "Ce message est conservé et ne peut pas être supprimé pour le moment."),
  NO_MORE_MESSAGES(
      "No more messages. Goodbye.", "No hay más mensajes. Adiós.", "Plus de messages. Au revoir.");

  private final Map<String, String> texts;

  Phrases(String english, String spanish, String french) {
    this.texts = Map.of("en", english, "es", spanish, "fr", french);
  }

  /** The phrase in {@code language} (its base language for tags like es-MX), else English. */
  public Action.Say in(String language, Object... args) {
    String base = language.contains("-") ? language.substring(0, language.indexOf('-')) : language;
    String text = texts.get(base);
    String spoken = text != null ? language : "en";
    return new Action.Say(
        String.format(Locale.ROOT, text != null ? text : texts.get("en"), args), spoken);
  }
}
