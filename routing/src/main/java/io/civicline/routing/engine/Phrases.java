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
  VOICEMAIL_SAVED(
      "Thank you, your message has been saved. Goodbye.",
      "Gracias, su mensaje ha sido guardado. Adiós.",
      "Merci, votre message a été enregistré. Au revoir.");

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
