/**
 * The call-flow language and engine, schedules and holiday calendars. Pure: no I/O, time is passed
 * in.
 */
package io.civicline.routing;
