/**
 * Push notifications to staff phones: the devices each staff member registered ({@link
 * io.civicline.mobileapi.push.DeviceRegistry}), the providers that carry pushes ({@link
 * io.civicline.mobileapi.push.FcmSender}, {@link io.civicline.mobileapi.push.ApnsSender}), which
 * staff have a live socket on any node ({@link io.civicline.mobileapi.push.LiveSockets}), and the
 * fan-out that pushes events to those who have none ({@link
 * io.civicline.mobileapi.push.PushFanout}).
 */
package io.civicline.mobileapi.push;
