/** Voicemail for staff: mailbox PINs, messages, their audio, and message-waiting counts. */
package io.civicline.ops.voicemail;
