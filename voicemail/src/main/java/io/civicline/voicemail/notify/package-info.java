/**
 * Telling people that a voicemail arrived: what a notice says ({@link
 * io.civicline.voicemail.notify.VoicemailNotice}) and how it is delivered ({@link
 * io.civicline.voicemail.notify.Notifier}), e-mail first.
 */
package io.civicline.voicemail.notify;
