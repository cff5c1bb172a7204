/**
 * Voicemail retention: how long a mailbox keeps its messages ({@link
 * io.civicline.voicemail.retention.RetentionPolicy}) and the sweep that deletes what is due ({@link
 * io.civicline.voicemail.retention.RetentionSweeper}) — through the message store, so every
 * deletion is audited with its reason and legal hold always wins.
 */
package io.civicline.voicemail.retention;
