package io.stagegate.reliability;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks every reliability test makes on a lead's history. */
final class Guarantees {

    private Guarantees() {
    }

    /** Transition log: seq 1..n without gaps or doubles, unique ids, each from = the previous to. */
    static List<JsonNode> assertCleanHistory(Rig rig, String leadId) {
        List<JsonNode> history = rig.transitions(leadId);
        Set<String> ids = new HashSet<>();
        String stage = "NEW_INBOUND";
        for (int i = 0; i < history.size(); i++) {
            JsonNode t = history.get(i);
            assertThat(t.path("seq").asInt()).as(leadId + " seq " + history).isEqualTo(i + 1);
            assertThat(ids.add(t.path("transitionId").asText())).as(leadId + " duplicate transition id " + history).isTrue();
            assertThat(t.path("from").asText()).as(leadId + " chain " + history).isEqualTo(stage);
            stage = t.path("to").asText();
        }
        assertThat(rig.lead(leadId).path("stage").asText()).as(leadId).isEqualTo(stage);
        return history;
    }

    static List<String> stages(List<JsonNode> history) {
        List<String> out = new ArrayList<>();
        history.forEach(t -> out.add(t.path("to").asText()));
        return out;
    }
}
