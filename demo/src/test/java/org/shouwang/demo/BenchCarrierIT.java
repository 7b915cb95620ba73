package org.shouwang.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shouwang.testkit.TestServices;

/** {@code bench-carrier} at a small rate: every push it sent is answered 200, durable in the inbox and decoded. */
class BenchCarrierIT {

    @Test
    void aShortRunMakesEveryPushDurableAndDecoded() throws Exception {
        BenchCarrierCommand.Result r = BenchCarrierCommand.run(TestServices.freshDatabase(), 200, 2, 20);

        assertThat(r.sent()).isEqualTo(400);
        assertThat(r.answered200()).isEqualTo(400);
        assertThat(r.inboxRows()).isEqualTo(400);
        assertThat(r.decoded()).isEqualTo(400);
        assertThat(r.everyPushDurable()).isTrue();
        assertThat(r.p99Ms()).isPositive();
    }
}
