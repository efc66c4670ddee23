package io.stagegate.intake;

import io.stagegate.model.LeadModelLoader;
import io.stagegate.stages.domain.StageEngine;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThatCode;

class IntakePrimingTest {

    @Test
    void theSyntheticPrimingFormPassesTheSameParserAndNormaliserAsARealForm() {
        // priming swallows failures (a failed step must not fail the snapshot), so a form the parser
        // refuses would silently prime nothing: prime() itself must not throw
        IntakeApi api = new IntakeApi(null, new StageEngine(LeadModelLoader.loadDefault()).normaliser(), Clock.systemUTC());

        assertThatCode(api::prime).doesNotThrowAnyException();
    }
}
