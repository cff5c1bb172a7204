package io.civicline.bench.agi;

import io.civicline.signaling.asterisk.agi.AgiReply;
import io.civicline.signaling.asterisk.agi.AgiSession;
import java.io.IOException;

/**
 * Fixed AGI command scripts, standing in for call logic that does not depend on the engine: they
 * measure what the FastAGI server and the protocol cost by themselves.
 */
final class ScriptedHandlers {
  private ScriptedHandlers() {}

  /** The cheapest call that still waits for the caller, so the load tool can hold it open. */
  static void baseline(AgiSession session) throws IOException {
    session.send("ANSWER");
    session.send("GET DATA beep 5000 1");
    session.send("HANGUP");
  }

  /**
   * The command mix of a typical town call (see deploy/asterisk/README.md for the dialplan
   * contract): mark the session, greet, take a menu key, ring the clerk, and take a voicemail when
   * nobody answers.
   */
  static void ivr(AgiSession session) throws IOException {
    session.send("SET VARIABLE CIVICLINE_SESSION " + session.request().uniqueId());
    session.send("ANSWER");
    session.send("GET VARIABLE CALLERID(num)");
    session.send("STREAM FILE civicline/welcome \"\"");
    AgiReply key = session.send("GET DATA civicline/main-menu 6000 1");
    session.send("SET VARIABLE CIVICLINE_CHOICE \"" + key.result() + "\"");
    session.send("EXEC Dial PJSIP/clerk,20");
    AgiReply status = session.send("GET VARIABLE DIALSTATUS");
    if (!"ANSWER".equals(status.data())) {
      session.send("STREAM FILE civicline/leave-a-message \"\"");
      session.send("RECORD FILE /var/spool/civicline/bench wav \"#\" 180000 0 BEEP s=3");
    }
    session.send("HANGUP");
  }
}
