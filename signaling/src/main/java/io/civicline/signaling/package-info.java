/**
 * Channel adapters: Twilio webhooks and REST, Asterisk FastAGI and AMI, Jitsi Videobridge. Arrives
 * with the call-flow and Asterisk issues.
 */
package io.civicline.signaling;
