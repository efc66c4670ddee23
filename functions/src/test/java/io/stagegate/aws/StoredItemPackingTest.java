package io.stagegate.aws;

import io.stagegate.lead.domain.Lead;
import io.stagegate.lead.domain.LeadIds;
import io.stagegate.lead.domain.Stage;
import io.stagegate.lead.domain.Transition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;

/** How snapshots and transitions are packed into one binary attribute, and that every stored form stays readable. */
class StoredItemPackingTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    private static Lead lead() {
        String email = "pack.test@northbank.example";
        return Lead.builder(LeadIds.fromEmail(email), email).motion("product-demo").stage(Stage.MARKETING_ENGAGED)
                .status("OPEN").createdAt(AT).stageEnteredAt(AT).updatedAt(AT).transitions(1).build();
    }

    private static Transition transition() {
        return new Transition(lead().leadId(), 1, Stage.NEW_INBOUND, Stage.MARKETING_ENGAGED, AT, Transition.AUTOMATION,
                "pd-engaged", "2026.12.1", List.of("icp-fit"), List.of(), Map.of("fitScore", 85, "intentScore", 18),
                null, null, "msg-1");
    }

    @Test
    @DisplayName("a snapshot and a transition come back as they went in")
    void roundTrip() {
        assertThat(LeadStore.unpack(LeadStore.pack(lead()), Lead.class)).isEqualTo(lead());
        assertThat(LeadStore.unpack(LeadStore.pack(transition()), Transition.class)).isEqualTo(transition());
        Transition[] both = LeadStore.unpack(LeadStore.pack(List.of(transition(), transition())), Transition[].class);
        assertThat(both).containsExactly(transition(), transition());
    }

    @Test
    @DisplayName("items stored before the dictionary (plain deflate) and plain JSON text are still read")
    void olderFormsStayReadable() {
        byte[] json = Json.write(lead()).getBytes(StandardCharsets.UTF_8);
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        d.setInput(json);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!d.finished()) {
            out.write(buffer, 0, d.deflate(buffer));
        }
        d.end();
        AttributeValue plainDeflate = AttributeValue.builder().b(SdkBytes.fromByteArray(out.toByteArray())).build();
        assertThat(LeadStore.unpack(plainDeflate, Lead.class)).isEqualTo(lead());
        assertThat(LeadStore.unpack(AttributeValue.fromS(Json.write(lead())), Lead.class)).isEqualTo(lead());
    }

    @Test
    @DisplayName("the dictionary is smaller than plain deflate, and it never changes (stored items name it by checksum)")
    void dictionaryIsPinned() {
        byte[] json = Json.write(transition()).getBytes(StandardCharsets.UTF_8);
        assertThat(LeadStore.pack(transition()).b().asByteArray().length).isLessThan(json.length / 2);
        // changing the dictionary makes every stored item unreadable: add a second one instead
        assertThat(Integer.toHexString(LeadStore.DICTIONARY_ID)).isEqualTo("775cace1");
    }
}
