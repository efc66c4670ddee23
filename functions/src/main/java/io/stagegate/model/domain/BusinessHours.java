package io.stagegate.model.domain;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Set;

/** The working week SLA clocks count in when a policy says business hours. */
public record BusinessHours(ZoneId zone, int startHour, int endHour, Set<DayOfWeek> days) {
}
