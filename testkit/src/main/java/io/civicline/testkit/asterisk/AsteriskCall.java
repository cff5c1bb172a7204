package io.civicline.testkit.asterisk;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What happened on a call an {@link AsteriskCaller} placed.
 *
 * @param wire every line, {@code C> } from the app and {@code A> } from the simulated Asterisk
 * @param commands the app's commands in order
 * @param sounds the sounds played (STREAM FILE, GET DATA), as named in the commands
 * @param variables channel variables the app set, last value wins
 * @param dials the first argument of each {@code EXEC Dial}
 * @param recordings files written for RECORD FILE
 * @param callerHungUp whether the caller hung up (rather than the app)
 * @param appHungUp whether the app sent HANGUP
 * @param missingSounds sounds in the shared spool that had no file when they were played (a real
 *     Asterisk would have played nothing)
 */
public record AsteriskCall(
    List<String> wire,
    List<String> commands,
    List<String> sounds,
    Map<String, String> variables,
    List<String> dials,
    List<Path> recordings,
    boolean callerHungUp,
    boolean appHungUp,
    List<String> missingSounds) {

  public AsteriskCall {
    wire = List.copyOf(wire);
    commands = List.copyOf(commands);
    sounds = List.copyOf(sounds);
    variables = Map.copyOf(variables);
    dials = List.copyOf(dials);
    recordings = List.copyOf(recordings);
    missingSounds = List.copyOf(missingSounds);
  }
}
