package org.shouwang.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The anchor NO_WATER_USE counts its window from: the latest instant from which the minimum was used. */
class UseLedgerTest {

    @Test
    void beforeAnyUseTheAnchorIsWhereTheDataStarts() {
        UseLedger ledger = new UseLedger(10);
        assertThat(ledger.anchor()).isEqualTo(Long.MIN_VALUE);

        ledger.coveredFrom(1_000);
        ledger.coveredFrom(500);
        ledger.used(2_000, 9.9);

        assertThat(ledger.anchor()).isEqualTo(1_000);
    }

    @Test
    void theAnchorIsTheLatestUseFromWhichTheMinimumAddsUp() {
        UseLedger ledger = new UseLedger(10);
        ledger.coveredFrom(0);
        ledger.used(100, 3);
        ledger.used(200, 4);
        assertThat(ledger.anchor()).isZero();

        ledger.used(300, 5);
        // 5 + 4 = 9 from 200, 5 + 4 + 3 = 12 from 100
        assertThat(ledger.anchor()).isEqualTo(100);

        ledger.used(400, 6);
        // 6 + 5 = 11 from 300
        assertThat(ledger.anchor()).isEqualTo(300);
    }

    @Test
    void lateUseCountsAtItsOwnTimeAndUseOlderThanTheAnchorIsIgnored() {
        UseLedger ledger = new UseLedger(10);
        ledger.coveredFrom(0);
        ledger.used(500, 12);
        assertThat(ledger.anchor()).isEqualTo(500);

        ledger.used(100, 50);
        assertThat(ledger.anchor()).isEqualTo(500);

        ledger.used(700, 4);
        ledger.used(600, 6);
        assertThat(ledger.anchor()).isEqualTo(600);
    }

    @Test
    void aHigherMinimumNeverMovesTheAnchorBack() {
        UseLedger ledger = new UseLedger(10);
        ledger.coveredFrom(0);
        ledger.used(100, 10);
        ledger.used(200, 10);
        assertThat(ledger.anchor()).isEqualTo(200);

        ledger.minLiters(15);
        assertThat(ledger.anchor()).isEqualTo(200);
        ledger.used(300, 5);
        assertThat(ledger.anchor()).isEqualTo(200);
        ledger.used(400, 10);
        assertThat(ledger.anchor()).isEqualTo(300);
    }
}
