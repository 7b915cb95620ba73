package org.shouwang.roster;

import org.shouwang.db.StreetStore;
import org.shouwang.db.RosterStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.shouwang.roster.RosterFixtures.annex;
import static org.shouwang.roster.RosterFixtures.id;
import static org.shouwang.roster.RosterFixtures.row;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouwang.db.Database;

/** {@code shouwang roster import|export}: what is printed where, and the exit codes. */
class RosterCliIT {

    private static Database db;

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private RosterCli cli;

    @BeforeAll
    static void open() {
        db = RosterDb.fresh();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void newCli() {
        cli = new RosterCli(new RosterStore(db.dataSource()), new StreetStore(db.dataSource()), RosterFixtures.CLOCK, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aLargeImportDrawsAProgressBarOnStderrAndPrintsTheReportOnStdout() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            rows.add(row(i, "沧浪街道", "南门社区", "老人" + i, id(LocalDate.of(1930, 1, 1).plusDays(i * 37L))));
        }
        Path file = Files.write(dir.resolve("canglang.xlsx"), RosterFixtures.xlsx(annex("沧浪街道", rows)));

        int code = cli.importFile(file, false, "cli:test");

        assertThat(code).isEqualTo(RosterCli.OK);
        assertThat(text(out)).startsWith("导入完成（canglang.xlsx，xlsx）：新增250人，更新0人，未变0人，拒绝0行。");
        assertThat(text(err)).contains("写入 [##############################] 100% 250/250");
    }

    @Test
    void aRefusedImportExitsNonZeroAndAnUnreadableFileWithItsOwnCode() throws Exception {
        List<String> bad = row(1, "平江街道", "大儒巷社区", "王秀英", "320502194001011232");
        Path invalid = Files.write(dir.resolve("bad.csv"), RosterFixtures.utf8(annex("平江街道", List.of(bad))));
        Path notes = Files.writeString(dir.resolve("notes.csv"), "hello");

        assertThat(cli.importFile(invalid, false, "cli:test")).isEqualTo(RosterCli.REFUSED);
        assertThat(text(out)).contains("第5行「身份证号」：校验位错误");
        assertThat(cli.importFile(notes, false, "cli:test")).isEqualTo(RosterCli.UNUSABLE);
        assertThat(cli.importFile(invalid, true, "cli:test")).isEqualTo(RosterCli.PARTIAL);
    }

    @Test
    void exportsTheStreetsRosterToTheNamedFileAndWarnsWhenPastTheDeadline() throws Exception {
        Path file = Files.write(dir.resolve("in.csv"), RosterFixtures.utf8(annex("双塔街道",
                List.of(row(1, "双塔街道", "定慧寺社区", "周淑珍", id(1944))))));
        cli.importFile(file, false, "cli:test");
        Path target = dir.resolve("out.xlsx");

        int code = cli.export("双塔街道", "2026Q3", null, target, false);

        assertThat(code).isEqualTo(RosterCli.OK);
        assertThat(target).exists();
        assertThat(text(out)).contains("已导出双塔街道2026年第三季度摸排表：1人");
        assertThat(text(err)).contains("晚于2026年第三季度的报送截止日（最后一个周五，2026-09-25）");
        assertThat(dir).isDirectoryNotContaining("glob:**/.roster-*");
    }

    @Test
    void anUnknownStreetOrMalformedQuarterIsAUsageError() {
        assertThat(cli.export("观前街道", "2026Q4", null, dir.resolve("x.xlsx"), false)).isEqualTo(RosterCli.UNUSABLE);
        assertThat(cli.export("平江街道", "2026-4", null, dir.resolve("x.xlsx"), false)).isEqualTo(RosterCli.UNUSABLE);
        assertThat(text(err)).contains("未知街道「观前街道」", "季度格式应为2026Q4");
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
