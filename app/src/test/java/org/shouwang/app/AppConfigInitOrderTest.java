package org.shouwang.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link AppConfig#DEFAULTS} is whole whichever of its sections a JVM loads first. It used not to be: a section's
 * constructor validated itself through a static method of {@code AppConfig}, so loading a section first (as
 * {@code new AppConfig.Database(...)} does) ran {@code AppConfig}'s static initializer in the middle of the
 * section's, which read the section's own {@code DEFAULTS} while still null. {@code DEFAULTS.database()} then stayed
 * null for the life of the JVM, and {@code ConfigLoader.load} handed out a configuration without a database
 * (found as LeadershipIT breaking StartWithoutDatabaseIT when both ran in one JVM). Each case loads the classes
 * afresh in a class loader of its own, so the order is the one under test, not whatever ran before.
 */
class AppConfigInitOrderTest {

    @Test
    void theDefaultsAreWholeWhicheverSectionIsLoadedFirst() throws Exception {
        for (RecordComponent section : AppConfig.class.getRecordComponents()) {
            try (URLClassLoader fresh = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
                Class.forName(section.getType().getName(), true, fresh);
                Class<?> config = Class.forName(AppConfig.class.getName(), true, fresh);
                Object defaults = config.getField("DEFAULTS").get(null);
                for (RecordComponent c : config.getRecordComponents()) {
                    assertThat(c.getAccessor().invoke(defaults))
                            .as("DEFAULTS.%s() when %s is loaded first", c.getName(), section.getType().getSimpleName())
                            .isNotNull();
                }
            }
        }
    }

    private static URL[] classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> {
                    try {
                        return Path.of(p).toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
    }
}
