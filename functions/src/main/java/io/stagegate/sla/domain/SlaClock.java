package io.stagegate.sla.domain;

import io.stagegate.lead.domain.SlaTimer;
import io.stagegate.lead.domain.Stage;
import io.stagegate.model.domain.BusinessHours;
import io.stagegate.model.domain.LeadModel;
import io.stagegate.model.domain.SlaPolicy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Response deadlines: when a stage's SLA falls due (wall-clock or business hours), whether an
 * action stops it, and what a breach escalates to.
 */
public final class SlaClock {

    private final LeadModel model;

    public SlaClock(LeadModel model) {
        this.model = model;
    }

    public Optional<SlaPolicy> policy(Stage stage) {
        return Optional.ofNullable(model.slas().get(stage));
    }

    /** The timer a lead entering {@code stage} at {@code enteredAt} gets, if the stage has an SLA. */
    public Optional<SlaTimer> start(Stage stage, Instant enteredAt) {
        return policy(stage).map(p -> new SlaTimer(stage, p.name(), due(p, enteredAt), 0));
    }

    public Instant due(SlaPolicy p, Instant from) {
        return p.businessHours() ? addBusinessHours(from, p.hours()) : from.plus(Duration.ofHours(p.hours()));
    }

    /**
     * {@code hours} working hours after {@code from}: time outside the working day and on
     * non-working days does not count.
     */
    public Instant addBusinessHours(Instant from, int hours) {
        BusinessHours bh = model.businessHours();
        ZonedDateTime t = from.atZone(bh.zone());
        long remainingMinutes = hours * 60L;
        // bounded: a week always has working time when the model has working days
        for (int guard = 0; guard < 10_000 && remainingMinutes > 0; guard++) {
            ZonedDateTime dayStart = t.truncatedTo(ChronoUnit.DAYS).withHour(bh.startHour());
            ZonedDateTime dayEnd = bh.endHour() == 24 ? t.truncatedTo(ChronoUnit.DAYS).plusDays(1)
                    : t.truncatedTo(ChronoUnit.DAYS).withHour(bh.endHour());
            if (!bh.days().contains(t.getDayOfWeek()) || !t.isBefore(dayEnd)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1).withHour(bh.startHour());
                continue;
            }
            if (t.isBefore(dayStart)) {
                t = dayStart;
            }
            long available = Duration.between(t, dayEnd).toMinutes();
            if (available >= remainingMinutes) {
                return t.plusMinutes(remainingMinutes).toInstant();
            }
            remainingMinutes -= available;
            t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1).withHour(bh.startHour());
        }
        return t.toInstant();
    }

    /** True when {@code action} ends the running timer (e.g. a recorded first outreach). */
    public boolean stops(SlaTimer timer, String action) {
        if (timer == null) {
            return false;
        }
        return policy(timer.stage()).map(p -> action.equals(p.stopOn())).orElse(false);
    }

    /**
     * What a breach of {@code timer} at {@code now} does: the policy's next escalation step and
     * the re-armed timer (one more window), so a breach is handled once per window.
     */
    public Breach breach(SlaTimer timer, Instant now) {
        SlaPolicy p = model.slas().get(timer.stage());
        List<SlaPolicy.Escalation> steps = p.escalation();
        SlaPolicy.Escalation step = steps.get(Math.min(timer.escalations(), steps.size() - 1));
        SlaTimer next = new SlaTimer(timer.stage(), timer.name(), due(p, now), timer.escalations() + 1);
        return new Breach(timer, step, next);
    }

    public record Breach(SlaTimer breached, SlaPolicy.Escalation step, SlaTimer rearmed) {
    }
}
