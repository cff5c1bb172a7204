/**
 * Voicemail PINs for callers reaching their mailbox by phone: what a PIN may be ({@link
 * io.civicline.voicemail.pin.PinPolicy}), how it is stored ({@link
 * io.civicline.voicemail.pin.PinHasher}) and how guessing is locked out ({@link
 * io.civicline.voicemail.pin.PinGuard}).
 */
package io.civicline.voicemail.pin;
