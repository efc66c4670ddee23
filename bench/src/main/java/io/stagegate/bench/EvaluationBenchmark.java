package io.stagegate.bench;

import io.stagegate.intake.domain.Normaliser;
import io.stagegate.intake.domain.Submission;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Signal;
import io.stagegate.lead.domain.SignalType;
import io.stagegate.lead.domain.Stage;
import io.stagegate.model.LeadModelLoader;
import io.stagegate.stages.domain.Evaluation;
import io.stagegate.stages.domain.StageEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One full evaluation = {@link StageEngine#evaluate}: fit and intent scores plus every criterion of
 * the lead's motion (fit gate, role gates, entry criteria). Realistic leads of the default model:
 * a product-demo lead in MARKETING_ENGAGED with 20 signals, and a compliance lead in NEW_INBOUND
 * with 12. Goal: ≥ 200,000 evaluations/s per core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvaluationBenchmark {

    private static final Instant T0 = Instant.parse("2026-03-03T10:00:00Z");

    private StageEngine engine;
    private Lead demoLead;
    private List<Signal> demoSignals;
    private Lead grcLead;
    private List<Signal> grcSignals;
    private Instant now;

    @Setup
    public void setUp() {
        engine = new StageEngine(LeadModelLoader.loadDefault());
        Normaliser n = engine.normaliser();

        Submission demo = submission("sub-demo", "demo_request", "dana@bank.example", "Security Architect",
                "Financial Services", "detections-overview", List.of());
        demoLead = n.apply(null, demo, T0).toBuilder().stage(Stage.MARKETING_ENGAGED).build();
        demoSignals = new ArrayList<>(List.of(n.formSignal(demo)));
        String[] paths = {"/platform/detections", "/pricing", "/platform/deployment/aws", "/blog/post",
                "/platform/detections/rules", "/careers"};
        String[] assets = {"soc-modernization-guide", "detections-overview", "cloud-posture-report"};
        for (int i = 1; i < 20; i++) {
            Instant at = T0.plus(Duration.ofHours(7L * i));
            demoSignals.add(i % 3 == 0
                    ? n.signal("d" + i, SignalType.CONTENT_VIEW, null, assets[i % assets.length], at, null)
                    : n.signal("d" + i, i % 5 == 0 ? SignalType.EMAIL_CLICK : SignalType.PAGE_VIEW,
                    paths[i % paths.length], null, at, null));
        }
        Submission grc = submission("sub-grc", "compliance_checklist", "gwen@energy.example", "GRC Manager",
                "Energy & Utilities", "compliance-mapping-checklist", List.of("SOC 2"));
        grcLead = n.apply(null, grc, T0);
        grcSignals = new ArrayList<>(List.of(n.formSignal(grc)));
        for (int i = 1; i < 12; i++) {
            grcSignals.add(n.signal("g" + i, SignalType.PAGE_VIEW, i % 2 == 0 ? "/solutions/compliance/iso27001"
                    : "/resources/vm-reporting", null, T0.plus(Duration.ofHours(9L * i)), null));
        }
        now = T0.plus(Duration.ofDays(7));
    }

    private static Submission submission(String id, String form, String email, String title, String industry,
                                         String asset, List<String> frameworks) {
        return new Submission(id, form, email, "Ann", "Example", "Example Corp", title, null, "US", industry, 2500,
                asset, "webinar", "Q3", "linkedin", "paid", "q3", null, frameworks, null, null, null, null, true, T0);
    }

    @Benchmark
    public Evaluation productDemoEngaged20Signals() {
        return engine.evaluate(demoLead, demoSignals, now);
    }

    @Benchmark
    public Evaluation complianceNew12Signals() {
        return engine.evaluate(grcLead, grcSignals, now);
    }
}
