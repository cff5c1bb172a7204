/**
 * Asterisk Manager Interface (AMI) client: one long-lived manager connection per Asterisk server.
 *
 * <p>Layers, bottom up:
 *
 * <ul>
 *   <li>{@link io.civicline.signaling.asterisk.ami.AmiMessageReader} /{@link
 *       io.civicline.signaling.asterisk.ami.AmiAction}: the wire format (blocking, byte stream).
 *   <li>{@link io.civicline.signaling.asterisk.ami.AmiConnection}: one TCP connection; a reader and
 *       a writer virtual thread, ActionID correlation, list actions. Never blocks an event loop.
 *   <li>{@link io.civicline.signaling.asterisk.ami.AmiClient}: one server; login (MD5 challenge or
 *       plaintext), reconnect with back-off, originate, MWI, typed call events.
 *   <li>{@link io.civicline.signaling.asterisk.ami.DeviceStateSync} / {@link
 *       io.civicline.signaling.asterisk.ami.DeviceStates}: desk-phone device states, resynced on
 *       every login, written to Redis per tenant for staff presence.
 *   <li>{@link io.civicline.signaling.asterisk.ami.AmiConnections}: all configured servers.
 * </ul>
 */
package io.civicline.signaling.asterisk.ami;
