/**
 * FastAGI foundation: a blocking FastAGI server ({@link
 * io.civicline.signaling.asterisk.agi.FastAgiServer}) that runs each Asterisk connection on a
 * virtual thread, and a small strict protocol layer ({@link
 * io.civicline.signaling.asterisk.agi.AgiSession}) validated against real Asterisk 22 transcripts.
 * The call-flow driver that turns engine actions into AGI commands comes later.
 */
package io.civicline.signaling.asterisk.agi;
