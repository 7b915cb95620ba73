package org.shouwang.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.roster.RosterFixtures.annex;
import static org.shouwang.roster.RosterFixtures.id;
import static org.shouwang.roster.RosterFixtures.row;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shouwang.db.Database;
import org.shouwang.db.RegistryStore;
import org.shouwang.db.RosterRecord;
import org.shouwang.db.RosterStore;
import org.shouwang.db.StreetStore;
import org.shouwang.model.ContactRole;
import org.shouwang.model.DeviceKind;
import org.shouwang.model.ElderProfile;

/** Importing rosters into a real PostgreSQL: all-or-nothing, skip-invalid, updates in place, conflicts. */
class RosterImporterIT {

    private static final RosterImportOptions STRICT = new RosterImportOptions(false, "test");
    private static final RosterImportOptions SKIP = new RosterImportOptions(true, "test");

    private static Database db;
    private static RosterImporter importer;
    private static RosterStore roster;
    private static RegistryStore registry;

    @BeforeAll
    static void open() {
        db = RosterDb.fresh();
        importer = new RosterImporter(new RosterStore(db.dataSource()), new StreetStore(db.dataSource()), RosterFixtures.CLOCK);
        roster = new RosterStore(db.dataSource());
        registry = new RegistryStore(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void importsAnXlsxCreatingEldersAndTheirCommunities() {
        List<List<String>> rows = List.of(row(1, "虎丘街道", "留园社区", "王秀英", id(1940)),
                row(2, "虎丘街道", "虎阜社区", "李桂英", id(1950)));

        RosterImportReport report = importer.importBytes(RosterFixtures.xlsx(annex("虎丘街道", rows)), "huqiu.xlsx",
                STRICT, RosterProgress.NONE);

        assertThat(report.refused()).isFalse();
        assertThat(report.created()).isEqualTo(2);
        assertThat(report.newCommunities()).containsExactly("虎丘街道 留园社区", "虎丘街道 虎阜社区");
        assertThat(new StreetStore(db.dataSource()).communities("虎丘街道")).hasSize(2);
        assertThat(roster.findByIdNumbers(List.of(rows.get(0).get(4)))).singleElement()
                .satisfies(r -> assertThat(r.entry().name()).isEqualTo("王秀英"));
        assertThat(roster.recentImports(1).get(0).created()).isEqualTo(2);
    }

    @Test
    void importsCsvInUtf8Utf8WithBomAndGbkAlike() {
        for (Map.Entry<Charset, Boolean> enc : List.of(Map.entry(StandardCharsets.UTF_8, false),
                Map.entry(StandardCharsets.UTF_8, true), Map.entry(Charset.forName("GBK"), false))) {
            List<List<String>> rows = List.of(row(1, "双塔街道", "定慧寺社区", "周淑珍", id(1944)));

            RosterImportReport report = importer.importBytes(RosterFixtures.csv(annex("双塔街道", rows), enc.getKey(),
                    enc.getValue()), "shuangta.csv", STRICT, RosterProgress.NONE);

            assertThat(report.created()).as(report.format()).isEqualTo(1);
            assertThat(roster.findByIdNumbers(List.of(rows.get(0).get(4)))).singleElement()
                    .satisfies(r -> assertThat(r.entry().community()).isEqualTo("定慧寺社区"));
        }
    }

    @Test
    void aFileWithAnInvalidRowIsRefusedWholeListingEveryErrorAndChangesNothing() throws Exception {
        importer.importBytes(RosterFixtures.xlsx(annex("沧浪街道", List.of(row(1, "沧浪街道", "南门社区", "陈德明",
                id(1935))))), "before.xlsx", STRICT, RosterProgress.NONE);
        List<String> badId = row(2, "沧浪街道", "南门社区", "赵凤英", "320508194005010010");
        List<String> badPhone = row(3, "沧浪街道", "新的社区", "孙国华", id(1941));
        badPhone.set(6, "65221234");
        Map<String, Long> before = RosterDb.counts(db);

        RosterImportReport report = importer.importBytes(RosterFixtures.xlsx(annex("沧浪街道", List.of(
                row(1, "沧浪街道", "南门社区", "杨美华", id(1939)), badId, badPhone))), "canglang.xlsx", STRICT,
                RosterProgress.NONE);

        assertThat(report.refused()).isTrue();
        assertThat(report.rejected()).isEqualTo(2);
        assertThat(report.problems()).extracting(Object::toString).containsExactly("第6行「身份证号」：校验位错误",
                "第7行「联系电话」：固定电话缺少区号（如0512-65221234）");
        assertThat(RosterDb.counts(db)).isEqualTo(before);
        assertThat(report.render()).startsWith("导入被拒绝，未导入任何数据");
    }

    @Test
    void withSkipInvalidTheValidRowsAreImportedAndTheRestListed() {
        List<String> good = row(1, "金阊街道", "彩香社区", "黄建国", id(1938));
        List<String> bad = row(2, "金阊街道", "彩香社区", "吴志强", id(1939));
        bad.set(7, "孤寡");

        RosterImportReport report = importer.importBytes(RosterFixtures.utf8(annex("金阊街道", List.of(good, bad))),
                "jinchang.csv", SKIP, RosterProgress.NONE);

        assertThat(report.refused()).isFalse();
        assertThat(report.created()).isEqualTo(1);
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(report.problems()).extracting(RosterProblem::row).containsExactly(6);
        assertThat(roster.findByIdNumbers(List.of(good.get(4), bad.get(4)))).extracting(r -> r.entry().name())
                .containsExactly("黄建国");
    }

    @Test
    void aReimportUpdatesInPlaceAndSaysWhatChangedWithoutShowingValues() {
        List<String> wang = row(1, "平江街道", "大儒巷社区", "王秀英", id(1940));
        List<String> li = row(2, "平江街道", "大儒巷社区", "李桂英", id(1941));
        importer.importBytes(RosterFixtures.xlsx(annex("平江街道", List.of(wang, li))), "q3.xlsx", STRICT,
                RosterProgress.NONE);
        long wangId = roster.findByIdNumbers(List.of(wang.get(4))).get(0).elderId();
        wang.set(5, "大儒巷99号");
        wang.set(6, "13900000009");

        RosterImportReport report = importer.importBytes(RosterFixtures.xlsx(annex("平江街道", List.of(wang, li))),
                "q4.xlsx", STRICT, RosterProgress.NONE);

        assertThat(report.created()).isZero();
        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(1);
        assertThat(report.changes()).singleElement().hasToString(
                "第5行 王秀英（" + wang.get(4).substring(0, 6) + "********" + wang.get(4).substring(14)
                        + "）：住址 已变更，联系电话 138****0001→139****0009");
        assertThat(report.render()).doesNotContain("大儒巷99号", "13900000009", wang.get(4));
        assertThat(roster.findByIdNumbers(List.of(wang.get(4)))).singleElement().satisfies(r -> {
            assertThat(r.elderId()).isEqualTo(wangId);
            assertThat(r.entry().address()).isEqualTo("大儒巷99号");
        });
    }

    @Test
    void anIdActiveInAnotherStreetOrRegisteredUnderAnotherNameIsRefused() {
        List<String> inSuzhou = row(1, "苏锦街道", "苏锦一村社区", "刘玉兰", id(1936));
        importer.importBytes(RosterFixtures.utf8(annex("苏锦街道", List.of(inSuzhou))), "sujin.csv", STRICT,
                RosterProgress.NONE);
        List<String> moved = row(1, "白洋湾街道", "金筑社区", "刘玉兰", inSuzhou.get(4));
        List<String> renamed = row(2, "苏锦街道", "苏锦一村社区", "刘玉英", inSuzhou.get(4));

        RosterImportReport other = importer.importBytes(RosterFixtures.utf8(annex("白洋湾街道", List.of(moved))),
                "baiyangwan.csv", STRICT, RosterProgress.NONE);
        RosterImportReport name = importer.importBytes(RosterFixtures.utf8(annex("苏锦街道", List.of(renamed))),
                "sujin2.csv", STRICT, RosterProgress.NONE);

        assertThat(other.problems()).extracting(Object::toString).containsExactly(
                "第5行「身份证号」：该老人已在苏锦街道登记在册，须由苏锦街道先注销后才能在白洋湾街道导入");
        assertThat(name.problems()).extracting(Object::toString).containsExactly(
                "第5行「姓名」：该身份证号已登记在「刘玉兰」名下，与本行姓名不符，请核对身份证号和姓名");
    }

    @Test
    void aDeactivatedElderImportedByAnotherStreetMovesThereAndIsActiveAgain() {
        List<String> row = row(1, "吴门桥街道", "南环社区", "郑德明", id(1937));
        importer.importBytes(RosterFixtures.utf8(annex("吴门桥街道", List.of(row))), "wumenqiao.csv", STRICT,
                RosterProgress.NONE);
        RosterRecord held = roster.findByIdNumbers(List.of(row.get(4))).get(0);
        registry.deactivateElder(held.elderId(), "staff-1", "迁出");
        row.set(1, "沧浪街道");
        row.set(2, "南门社区");

        RosterImportReport report = importer.importBytes(RosterFixtures.utf8(annex("沧浪街道", List.of(row))),
                "canglang2.csv", STRICT, RosterProgress.NONE);

        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.changes().get(0).fields()).startsWith("重新启用（此前已注销）", "街道 吴门桥街道→沧浪街道");
        assertThat(roster.findByIdNumbers(List.of(row.get(4)))).singleElement()
                .satisfies(r -> assertThat(r.active()).isTrue());
    }

    @Test
    void theCareTeamColumnsSetRosterContactsAndTheTenColumnAnnexLeavesThemAlone() {
        List<String> header = new ArrayList<>(RosterFixtures.HEADER);
        header.addAll(RosterFixtures.CARE_TEAM_HEADER);
        List<String> full = row(1, "平江街道", "菉葭巷社区", "钱凤英", id(1930));
        full.addAll(List.of("张社", "0512-65221234", "李邻", "13900000001", "钱子", "13900000002", "2022-09-15"));
        List<List<String>> lines = annex("平江街道", List.of(full));
        lines.set(3, header);
        importer.importBytes(RosterFixtures.utf8(lines), "team.csv", STRICT, RosterProgress.NONE);
        long id = roster.findByIdNumbers(List.of(full.get(4))).get(0).elderId();
        registry.addDevice("btn-team", DeviceKind.CALL_BUTTON, id);

        RosterImportReport plain = importer.importBytes(RosterFixtures.utf8(annex("平江街道",
                List.of(full.subList(0, 10)))), "annex.csv", STRICT, RosterProgress.NONE);
        ElderProfile profile = registry.profileOfDevice("btn-team", LocalDate.of(2026, 10, 1)).orElseThrow();

        assertThat(plain.unchanged()).isEqualTo(1);
        assertThat(profile.careTeam()).extracting("role").containsExactlyInAnyOrder(ContactRole.COMMUNITY_WORKER,
                ContactRole.NEIGHBOUR_VOLUNTEER, ContactRole.FAMILY_CONTACT);
        assertThat(profile.facts().agreementSignedOn()).isEqualTo(LocalDate.of(2022, 9, 15));
        assertThat(profile.isKeyElder()).isTrue();
    }

    @Test
    void anUnreadableFileIsRefusedWithOneMessageAndAuditedAsRefused() {
        RosterImportReport report = importer.importBytes("hello".getBytes(StandardCharsets.UTF_8), "notes.txt", STRICT,
                RosterProgress.NONE);

        assertThat(report.fileUnreadable()).isTrue();
        assertThat(report.problems()).singleElement().asString().startsWith("找不到表头");
        assertThat(roster.recentImports(1).get(0).refused()).isTrue();
    }
}
