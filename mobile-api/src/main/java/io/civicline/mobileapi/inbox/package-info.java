/**
 * A department's inbox for staff: voicemails and text threads in one list, newest activity first,
 * with assignment, handled state and notes. The ports here are served by the voicemail and texting
 * modules (adapters in ops); the staff API only checks who may see which department.
 */
package io.civicline.mobileapi.inbox;
