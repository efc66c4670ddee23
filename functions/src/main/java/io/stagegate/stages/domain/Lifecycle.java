package io.stagegate.stages.domain;

import io.stagegate.lead.domain.Stage;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.stagegate.lead.domain.Stage.*;

/**
 * The stage graph: every move Stagegate may make, in one place. Automation owns the first two
 * edges and the recycle sweep's return; every other edge is a person's decision.
 */
public final class Lifecycle {

    private static final Map<Stage, Set<Stage>> EDGES = new EnumMap<>(Stage.class);

    static {
        EDGES.put(NEW_INBOUND, EnumSet.of(MARKETING_ENGAGED, DISQUALIFIED));
        EDGES.put(MARKETING_ENGAGED, EnumSet.of(MARKETING_QUALIFIED, RECYCLE, DISQUALIFIED));
        EDGES.put(MARKETING_QUALIFIED, EnumSet.of(SALES_ACCEPTED, RECYCLE, DISQUALIFIED));
        EDGES.put(SALES_ACCEPTED, EnumSet.of(SALES_QUALIFIED, RECYCLE, DISQUALIFIED));
        EDGES.put(SALES_QUALIFIED, EnumSet.of(OPPORTUNITY, RECYCLE, DISQUALIFIED));
        EDGES.put(OPPORTUNITY, EnumSet.of(CLOSED_WON, CLOSED_LOST, RECYCLE, DISQUALIFIED));
        EDGES.put(RECYCLE, EnumSet.of(MARKETING_ENGAGED, DISQUALIFIED));
        EDGES.put(DISQUALIFIED, EnumSet.noneOf(Stage.class));
        EDGES.put(CLOSED_WON, EnumSet.noneOf(Stage.class));
        EDGES.put(CLOSED_LOST, EnumSet.noneOf(Stage.class));
    }

    /** Stages automation may move a lead into; never past MARKETING_QUALIFIED. */
    public static final Set<Stage> AUTOMATED_TARGETS = EnumSet.of(MARKETING_ENGAGED, MARKETING_QUALIFIED);

    private Lifecycle() {
    }

    public static boolean allowed(Stage from, Stage to) {
        return EDGES.get(from).contains(to);
    }
}
