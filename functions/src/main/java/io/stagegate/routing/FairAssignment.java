package io.stagegate.routing;

import io.stagegate.aws.LeadStore;
import io.stagegate.routing.domain.RotationState;
import io.stagegate.routing.domain.RoutingDecision;

import java.util.function.Function;

/**
 * Round robin that stays fair when several functions assign at once: the rotation of the
 * decision's segment is read, the router decides, and the new "last assigned" is written only if
 * nobody else took a turn meanwhile (else decide again on the fresh state).
 */
public final class FairAssignment {

    private static final int ATTEMPTS = 20;

    private final LeadStore store;

    public FairAssignment(LeadStore store) {
        this.store = store;
    }

    /** {@code decide} maps a rotation state to a decision; it is pure and may be called several times. */
    public RoutingDecision assign(Function<RotationState, RoutingDecision> decide) {
        String key = decide.apply(RotationState.EMPTY).rotationKey();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            LeadStore.Rotation stored = store.rotation(key);
            RotationState state = stored.lastAssigned() == null ? RotationState.EMPTY
                    : RotationState.EMPTY.assigned(key, stored.lastAssigned());
            RoutingDecision d = decide.apply(state);
            if (d.rotation().equals(state)) {
                return d; // nobody eligible took a turn (the manager got it): nothing to record
            }
            if (store.saveRotation(key, d.owner(), stored)) {
                return d;
            }
        }
        throw new IllegalStateException("rotation " + key + " kept changing; gave up after " + ATTEMPTS + " attempts");
    }
}
