package io.civicline.routing.calendar;

import io.civicline.core.directory.HolidayRule;

/**
 * A rule in effect for the nearest calendar of a chain, with the calendar that defines it and how
 * many steps up the chain that calendar is (0 = the nearest).
 */
record InheritedRule(HolidayRule rule, String calendarId, int distance) {}
