package io.stagegate.wiring;

import io.stagegate.model.LeadModelLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WiringTest {

    @Test
    @DisplayName("the deployed sales queues are exactly the default lead model's routing teams")
    void defaultSalesTeamsMatchTheDefaultModel() {
        assertThat(Wiring.DEFAULT_SALES_TEAMS)
                .containsExactlyInAnyOrderElementsOf(LeadModelLoader.loadDefault().routing().teams().keySet());
    }

    @Test
    @DisplayName("every HTTP route belongs to exactly one function, and only intake routes are public")
    void routesAreUniqueAndOnlyIntakeIsPublic() {
        Set<String> seen = new HashSet<>();
        for (Wiring.FunctionDef f : Wiring.FUNCTIONS) {
            if (f.trigger() instanceof Wiring.HttpTrigger http) {
                for (Wiring.RouteDef r : http.routes()) {
                    assertThat(seen.add(r.routeKey())).as(r.routeKey()).isTrue();
                    assertThat(r.isPublic()).as(r.routeKey()).isEqualTo(f == Wiring.INTAKE);
                    assertThat(Wiring.functionForRoute(r.routeKey())).contains(f);
                }
            }
        }
    }

    @Test
    @DisplayName("every handler class named by the wiring exists and every queue trigger has a dead-letter queue")
    void handlersExistAndQueuesHaveDlqs() throws Exception {
        for (Wiring.FunctionDef f : Wiring.FUNCTIONS) {
            assertThat(Class.forName(f.handlerClass())).isNotNull();
            if (f.trigger() instanceof Wiring.QueueTrigger q) {
                assertThat(q.queue().dlqName()).endsWith("-dlq");
                assertThat(q.queue().visibilityTimeoutSeconds()).isGreaterThanOrEqualTo(f.timeoutSeconds());
            }
        }
    }
}
