package io.stagegate.aws;

import io.stagegate.aws.http.Logs;
import io.stagegate.intake.domain.Normaliser;
import io.stagegate.intake.domain.Submission;
import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.Signal;
import io.stagegate.lead.domain.SignalType;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SnapStart priming. Before Lambda takes the snapshot of an initialised function it calls
 * {@link #beforeCheckpoint}; what runs here is loaded, initialised and compiled in the snapshot
 * instead of on the first request after each restore. It runs the paths every handler takes on a
 * request, without side effects: a lead normalised, scored and evaluated against the model, its
 * snapshot packed as stored (JSON, deflated) and read back, one DynamoDB read of a lead that does
 * not exist (the SDK's marshalling, signing, HTTP client and unmarshalling), and the handler's own
 * steps ({@link Components#primeAlso}). It writes nothing and sends nothing.
 *
 * <p>On a JVM without CRaC (tests, the local runtime) registration does nothing.
 */
public final class Priming implements Resource {

    /** Never a real lead id ({@code ld_} + 24 hex digits): the read finds nothing. */
    static final String PRIMING_LEAD_ID = "ld_priming";
    private static final int EVALUATIONS = 200; // enough for the hot domain methods to reach C1
    private static final Set<Priming> REGISTERED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private final Components components;
    private final List<Runnable> steps = new CopyOnWriteArrayList<>();

    private Priming(Components components) {
        this.components = components;
    }

    /** The returned instance must stay reachable from the handler: CRaC holds resources weakly. */
    static Priming register(Components components) {
        Priming priming = new Priming(components);
        Core.getGlobalContext().register(priming);
        REGISTERED.add(priming);
        return priming;
    }

    /** A handler's own request path, side-effect free, run after the shared steps. */
    void add(Runnable step) {
        steps.add(step);
    }

    /** What a checkpoint runs, for every live function of this JVM: for benchmarks and tests without CRaC. */
    public static void primeAll() {
        List<Priming> all;
        synchronized (REGISTERED) {
            all = List.copyOf(REGISTERED);
        }
        all.forEach(Priming::prime);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: the clients hold no connection worth keeping across a snapshot
    }

    /**
     * Never throws: a priming step that fails (say the read is throttled) costs its warm-up, not
     * the snapshot, and the other steps still run; the function then warms that path on its first
     * request, as without priming.
     */
    void prime() {
        step("evaluate a synthetic lead", this::evaluateAndPack);
        step("read through the DynamoDB client", () -> components.store().load(PRIMING_LEAD_ID));
        steps.forEach(s -> step("the handler's own step", s));
    }

    private static void step(String name, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            Logs.log(Map.of("level", "WARN", "message", "priming skipped a step: " + name,
                    "error", e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private void evaluateAndPack() {
        Instant now = components.clock().instant();
        Normaliser normaliser = components.engine().normaliser();
        Submission form = new Submission("priming", "demo_request", "priming@stagegate.invalid", "Priming", "Lead",
                "Stagegate", "Chief Information Security Officer", null, "US", "Financial Services", 2500,
                null, null, null, null, null, null, null, List.of(), null, null, null, null, true, now);
        Lead lead = normaliser.apply(null, form, now);
        List<Signal> signals = List.of(normaliser.formSignal(form),
                normaliser.signal("priming-page-view", SignalType.PAGE_VIEW, "/pricing", null, now, null));
        for (int i = 0; i < EVALUATIONS; i++) {
            lead = components.engine().withEvaluation(lead, components.engine().evaluate(lead, signals, now));
        }
        LeadStore.unpack(LeadStore.pack(lead), Lead.class); // the stored form: JSON, deflated with the dictionary
    }
}
