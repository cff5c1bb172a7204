/** Mailboxes, greetings, recording ingest and storage. Arrives with the voicemail issue. */
package io.civicline.voicemail;
