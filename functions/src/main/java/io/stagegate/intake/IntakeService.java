package io.stagegate.intake;

import io.stagegate.aws.LeadStore;
import io.stagegate.aws.QueueSender;
import io.stagegate.intake.domain.Normaliser;
import io.stagegate.intake.domain.Submission;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.lead.domain.Signal;

import io.stagegate.stages.domain.StageEngine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Stores a submission durably and hands the lead to scoring. The form signal is written first,
 * put-if-absent on the submission id: that write is the moment the submission is safe and the
 * point where a resend is recognised. The lead snapshot is then created or updated under
 * optimistic locking (retried on conflict), and a scoring message is queued.
 */
public final class IntakeService {

    private static final int MAX_ATTEMPTS = 40;

    private final LeadStore store;
    private final QueueSender sender;
    private final Normaliser normaliser;
    private final StageEngine engine;
    private final String scoringQueueUrl;

    public IntakeService(LeadStore store, QueueSender sender, StageEngine engine, String scoringQueueUrl) {
        this.store = store;
        this.sender = sender;
        this.engine = engine;
        this.normaliser = engine.normaliser();
        this.scoringQueueUrl = scoringQueueUrl;
    }

    public record Accepted(String leadId, String submissionId, boolean duplicate) {
    }

    public Accepted submit(Submission s, Instant now) {
        String leadId = LeadIds.fromEmail(s.email());
        Signal formSignal = normaliser.formSignal(s);
        boolean fresh = store.putSignal(leadId, formSignal);
        // a resend still repairs a lead a crash left unwritten, and re-queues scoring (idempotent)
        upsert(leadId, s, formSignal, now, fresh);
        requestScoring(leadId, s.submissionId());
        return new Accepted(leadId, s.submissionId(), !fresh);
    }

    private Lead upsert(String leadId, Submission s, Signal formSignal, Instant now, boolean fresh) {
        for (int attempt = 1; ; attempt++) {
            Optional<LeadStore.LeadRecord> existing = store.load(leadId);
            if (existing.isPresent() && !fresh && !newestForm(existing.get().signals(), formSignal.signalId())) {
                // a resend, and a later form of this person is stored: that one's fields stand (it was
                // applied, or its own resend applies it); applying this older one would turn them back
                return existing.get().lead();
            }
            Lead current = existing.map(LeadStore.LeadRecord::lead).orElse(null);
            // scored here too (pure CPU): the scoring step then finds the scores current and
            // skips a second snapshot write unless the lead moves
            List<Signal> signals = existing.map(LeadStore.LeadRecord::signals).orElse(List.of(formSignal));
            Lead applied = normaliser.apply(current, s, now);
            Lead next = engine.withEvaluation(applied, engine.score(applied, signals, now));
            if (!fresh && current != null && sameExceptScoringTime(next, current)) {
                return current; // a resend of the form the lead already reflects: nothing to write
            }
            String role = next.person().role();
            if (role != null && (current == null || !role.equals(current.person().role()))) {
                // the account's contact item (buying-group checks) changes only with a new lead or a
                // new role, so it is written only then, not on every form. Before the snapshot: once a
                // snapshot holds a role, the account has it too, and a crash in between heals with the
                // next form (the stored snapshot still has the old role)
                store.putContact(next.emailDomain(), leadId, role);
            }
            if (store.save(next) == LeadStore.WriteResult.WRITTEN) {
                store.syncDataQuality(leadId, current == null ? java.util.Set.of() : current.dataQuality(), next.dataQuality());
                if (current == null) {
                    store.countCreated(next, now);
                }
                return next;
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("lead " + leadId + " kept changing; gave up after " + attempt + " attempts");
            }
            backoff(attempt);
        }
    }

    /**
     * Whether the stored form signal {@code signalId} is this person's latest form. A resend after a
     * failed snapshot write (the signal was stored, the lead not updated) must still apply its form;
     * a resend of an older form must not overwrite a newer one's fields.
     */
    private static boolean newestForm(List<Signal> stored, String signalId) {
        Signal mine = stored.stream().filter(x -> x.signalId().equals(signalId)).findFirst().orElse(null);
        if (mine == null) {
            return false; // no longer stored (past the signal window): nothing to repair from
        }
        return stored.stream().filter(x -> x.type() == mine.type() && !x.signalId().equals(signalId))
                .noneMatch(x -> x.occurredAt() != null && mine.occurredAt() != null && x.occurredAt().isAfter(mine.occurredAt()));
    }

    private static boolean sameExceptScoringTime(Lead a, Lead b) {
        return a.toBuilder().scores(b.scores()).updatedAt(b.updatedAt()).build().equals(b)
                && a.scores().fit() == b.scores().fit() && a.scores().intent() == b.scores().intent();
    }

    /** Stores engagement signals for an existing lead; false when it was a resend. */
    public boolean signal(String leadId, Signal signal) {
        boolean fresh = store.putSignal(leadId, signal);
        if (fresh && !signal.mapped()) {
            if (signal.path() != null && signal.topics().isEmpty()) {
                store.countUnmapped("page", signal.path());
            } else if (signal.asset() != null) {
                store.countUnmapped("asset", signal.asset());
            }
        }
        return fresh;
    }

    public boolean leadExists(String leadId) {
        return store.exists(leadId);
    }

    public void requestScoring(String leadId, String causationId) {
        sender.send(scoringQueueUrl, Map.of("leadId", leadId, "causationId", causationId));
    }

    static void backoff(int attempt) {
        long cap = Math.min(200, 5L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
