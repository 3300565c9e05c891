/**
 * Reminders: FHIR Tasks before a deadline of the guideline closes (marrow by day 31, the AIS before a planned
 * administration, the day-220 follow-up AIS, the registry enrolment of a treated patient), created, completed and
 * cancelled by one job that runs on a schedule or as the operation $stemirac-reminders.
 */
package org.stemiraccds.reminders;
