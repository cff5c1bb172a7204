/**
 * Mailbox exports for records requests ({@link io.civicline.voicemail.export.MailboxExport}): the
 * audio of every message in a date range, verified against its checksum, with manifests in JSON and
 * CSV.
 */
package io.civicline.voicemail.export;
