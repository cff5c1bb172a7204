package io.civicline.routing.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhrasesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          en    | en    | You are number 4 in line.
          es    | es    | Usted es el número 4 en la fila.
          es-MX | es-MX | Usted es el número 4 en la fila.
          fr    | fr    | Vous êtes le numéro 4 dans la file.
          pl    | en    | You are number 4 in line.
          """)
  void inTheCallersLanguageElseEnglish(String language, String spoken, String text) {
    assertThat(Phrases.QUEUE_POSITION.in(language, 4)).isEqualTo(new Action.Say(text, spoken));
  }

  @Test
  void numbersAreWesternDigitsWhateverTheServersLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("ar-EG"));
      assertThat(Phrases.QUEUE_POSITION.in("es", 12).text())
          .isEqualTo("Usted es el número 12 en la fila.");
    } finally {
      Locale.setDefault(before);
    }
  }
}
