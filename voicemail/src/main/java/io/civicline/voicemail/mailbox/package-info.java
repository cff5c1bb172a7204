/** A mailbox's settings (greetings, limits, whom to notify, retention, legal hold) and its PIN. */
package io.civicline.voicemail.mailbox;
