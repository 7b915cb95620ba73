package org.shouwang.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.care.CareHarness.MONDAY;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.care.CareHarness.Home;

/**
 * The morning digest of overdue duties: one SMS a day to the community worker about their elders and to the
 * street office about its street, at the digest hour, and none when nothing is overdue.
 */
class CareDigestIT {

    private static final CareConfig CONFIG = CareConfig.defaults().withReminderAt(LocalTime.of(21, 50));

    private CareHarness h;
    private Care care;

    @BeforeEach
    void start() {
        h = new CareHarness(CareHarness.at(MONDAY, "06:00"));
        care = h.care(CONFIG);
    }

    @AfterEach
    void stop() {
        assertThat(h.logLines()).noneMatch(line -> h.phones().stream().anyMatch(line::contains));
        h.close();
    }

    /** Every duty of the week before {@code monday} met, so nothing is overdue. */
    private void allMet(Home home, LocalDate monday) {
        for (int d = 1; d <= 7; d++) {
            h.contacted(home.neighbour(), CareHarness.at(monday.minusDays(d), "10:00"));
        }
        h.contacted(home.worker(), CareHarness.at(monday.minusDays(3), "10:00"));
        h.contacted(home.worker(), CareHarness.at(monday.minusDays(2), "10:00"));
    }

    @Test
    void workerAndStreetOfficeGetOneDigestOfTheOverdueDutiesAtTheDigestHour() {
        Home home = h.keyElder("王秀英");
        h.set(MONDAY, "07:59");
        care.rounds().tick();
        assertThat(h.textsTo(home.worker())).isEmpty();

        h.set(MONDAY, "08:00");
        care.rounds().tick();
        h.set(MONDAY, "08:01");
        care.rounds().tick();

        // The seven days of last week without the neighbour's visit, and last week's two worker contacts.
        assertThat(h.textsTo(home.worker())).filteredOn(t -> t.contains("关爱日报")).containsExactly(
                "【守望】关爱日报：您联系的老人中有8项探访/电话任务已逾期（王秀英）。请尽快联系并在平台记录。");
        assertThat(h.textsTo(home.office())).containsExactly(
                "【守望】关爱日报：平江街道有8项探访/电话任务已逾期，涉及1位老人（王秀英）。详见守望平台逾期清单。");
        assertThat(h.textsTo(home.neighbour())).isEmpty();
    }

    @Test
    void aDigestNamesAFewEldersThenCountsTheRest() {
        Home first = h.keyElder("王秀英");
        for (String name : new String[] {"李桂兰", "张阿婆", "陈阿公"}) {
            Home other = h.keyElder(name);
            h.stores.registry().addContact(other.elder().id(), first.office().role(), "平江街道办", first.office().phone(), 0);
        }
        h.set(MONDAY, "08:00");

        care.rounds().tick();

        assertThat(h.textsTo(first.office())).singleElement().satisfies(t -> assertThat(t)
                .contains("平江街道有32项").contains("涉及4位老人（王秀英、李桂兰、张阿婆等4位）"));
    }

    @Test
    void nothingOverdueSendsNoDigest() {
        Home home = h.keyElder("王秀英");
        allMet(home, MONDAY);
        h.set(MONDAY, "08:00");

        CareRounds.Tick t = care.rounds().tick();

        assertThat(t.digests()).isZero();
        assertThat(h.stub.requests()).isEmpty();
    }
}
