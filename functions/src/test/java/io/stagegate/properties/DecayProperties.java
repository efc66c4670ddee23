package io.stagegate.properties;

import io.stagegate.fixtures.Leads;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Signal;
import io.stagegate.lead.domain.SignalType;
import io.stagegate.scoring.domain.Scorer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.stagegate.fixtures.Leads.ENGINE;
import static io.stagegate.fixtures.Leads.NORMALISER;
import static org.assertj.core.api.Assertions.assertThat;

/** Time only takes points away: decay never increases a score. */
class DecayProperties {

    private static final Scorer SCORER = ENGINE.scorer();
    private static final List<String> POSITIVE_PATHS = List.of("/platform/detections", "/platform/integrations",
            "/resources/patching", "/solutions/compliance/soc2", "/pricing", "/blog/unmapped");

    @Property
    @Label("a signal's decay factor is in (0, 1] and non-increasing as time passes")
    void decayFactorNonIncreasing(@ForAll @LongRange(min = 0, max = 400L * 86_400) long ageSeconds,
                                  @ForAll @LongRange(min = 0, max = 400L * 86_400) long moreSeconds) {
        Instant at = Leads.T0;
        double earlier = SCORER.decay(at, at.plusSeconds(ageSeconds));
        double later = SCORER.decay(at, at.plusSeconds(ageSeconds + moreSeconds));
        assertThat(earlier).isLessThanOrEqualTo(1.0).isPositive();
        assertThat(later).isLessThanOrEqualTo(earlier);
    }

    record Sig(int kind, int pick, int minutesBefore) {
    }

    @Provide
    Arbitrary<Sig> sigs() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 50),
                Arbitraries.integers().between(0, 60 * 24 * 200)).as(Sig::new);
    }

    @Property(tries = 300)
    @Label("total intent is non-increasing as now advances, for positive-only signals")
    void totalIntentNonIncreasing(@ForAll @Size(max = 40) List<@net.jqwik.api.From("sigs") Sig> sigs,
                                  @ForAll @IntRange(min = 0, max = 24 * 200) int hoursLater) {
        Instant now = Leads.T0.plus(Duration.ofDays(200));
        List<Signal> signals = new ArrayList<>();
        int n = 0;
        for (Sig s : sigs) {
            Instant at = now.minus(Duration.ofMinutes(s.minutesBefore()));
            SignalType type = SignalType.values()[s.kind()];
            String path = POSITIVE_PATHS.get(s.pick() % POSITIVE_PATHS.size());
            signals.add(NORMALISER.signal("s" + (++n), type, type == SignalType.PAGE_VIEW ? path : null,
                    type == SignalType.PAGE_VIEW ? null : LifecycleProperties.ASSETS.get(s.pick() % LifecycleProperties.ASSETS.size()),
                    at, null));
        }
        Lead lead = Leads.from(io.stagegate.fixtures.Forms.demoRequest()).lead();
        int before = ENGINE.score(lead, signals, now).scores().intent();
        int after = ENGINE.score(lead, signals, now.plus(Duration.ofHours(hoursLater))).scores().intent();
        assertThat(after).isLessThanOrEqualTo(before);
    }
}
