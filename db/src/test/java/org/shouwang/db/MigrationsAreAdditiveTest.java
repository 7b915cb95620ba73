package org.shouwang.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * While two releases run side by side (a node-by-node upgrade, docs/operations.md), the older one reads the schema
 * the newer one migrated. So every migration since cluster mode exists (after V{@value #CLUSTER_SINCE}) only adds:
 * no drop, rename, type change or new NOT NULL without a default on what the previous release reads. A migration
 * that must do otherwise says so on a line {@value #DECLARED} and its release is upgraded as a single node.
 */
class MigrationsAreAdditiveTest {

    static final int CLUSTER_SINCE = 20;
    static final String DECLARED = "-- not additive: upgrade as a single node";
    private static final Pattern VERSION = Pattern.compile("V(\\d+)(?:_(\\d+))?__.*\\.sql");
    private static final List<Pattern> NOT_ADDITIVE = List.of(
            Pattern.compile("\\bDROP\\s+(TABLE|COLUMN|VIEW|TYPE|FUNCTION)\\b"),
            Pattern.compile("\\bRENAME\\b"),
            Pattern.compile("\\bALTER\\s+COLUMN\\s+\\S+\\s+(SET\\s+DATA\\s+)?TYPE\\b"),
            Pattern.compile("\\bSET\\s+NOT\\s+NULL\\b"),
            Pattern.compile("\\bADD\\s+COLUMN\\s+[^,;]*\\bNOT\\s+NULL\\b(?![^,;]*\\bDEFAULT\\b)"),
            Pattern.compile("\\bTRUNCATE\\b"));

    @Test
    void everyMigrationSinceClusterModeOnlyAdds() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> checked = new ArrayList<>();
        for (Path m : migrations()) {
            if (major(m) <= CLUSTER_SINCE) {
                continue;
            }
            checked.add(m);
            String sql = Files.readString(m);
            if (!sql.contains(DECLARED)) {
                violations.addAll(notAdditive(m.getFileName().toString(), sql));
            }
        }
        assertThat(checked).as("migrations after V" + CLUSTER_SINCE).isNotEmpty();
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckFindsWhatWouldBreakTheOlderRelease() {
        assertThat(notAdditive("x", "ALTER TABLE care_message DROP COLUMN template;")).hasSize(1);
        assertThat(notAdditive("x", "ALTER TABLE device RENAME COLUMN online TO up;")).hasSize(1);
        assertThat(notAdditive("x", "alter table device alter column kind type text;")).hasSize(1);
        assertThat(notAdditive("x", "ALTER TABLE device ALTER COLUMN kind SET NOT NULL;")).hasSize(1);
        assertThat(notAdditive("x", "ALTER TABLE device ADD COLUMN site text NOT NULL;")).hasSize(1);
        assertThat(notAdditive("x", "DROP TABLE rule_watch;")).hasSize(1);
        // additive: new tables, nullable columns, NOT NULL with a default, indexes; comments are not statements
        assertThat(notAdditive("x", "ALTER TABLE care_message ADD COLUMN template jsonb;")).isEmpty();
        assertThat(notAdditive("x", "ALTER TABLE device ADD COLUMN site text NOT NULL DEFAULT 'x';")).isEmpty();
        assertThat(notAdditive("x", "CREATE TABLE t (id bigint NOT NULL); CREATE INDEX i ON t (id);")).isEmpty();
        assertThat(notAdditive("x", "-- a later release may DROP COLUMN template\nSELECT 1;")).isEmpty();
    }

    static List<String> notAdditive(String name, String sql) {
        String statements = sql.replaceAll("--[^\n]*", " ").toUpperCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (Pattern p : NOT_ADDITIVE) {
            Matcher m = p.matcher(statements);
            while (m.find()) {
                found.add(name + ": " + m.group());
            }
        }
        return found;
    }

    /** The repository's migrations in version order. */
    static List<Path> migrations() throws IOException {
        Path dir = Path.of("src/main/resources/db/migration");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> VERSION.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(MigrationsAreAdditiveTest::major)
                            .thenComparingInt(MigrationsAreAdditiveTest::minor))
                    .toList();
        }
    }

    private static int major(Path p) {
        Matcher m = VERSION.matcher(p.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static int minor(Path p) {
        Matcher m = VERSION.matcher(p.getFileName().toString());
        return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
    }
}
