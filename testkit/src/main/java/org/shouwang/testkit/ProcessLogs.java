package org.shouwang.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The log files of the processes a test started ({@code shouwang run}, {@code shouwang sim}), printed when the test
 * fails: why a child process did not do its part is in its own log, which the build report does not hold. Register
 * it with {@code @RegisterExtension} and {@link #add} each log as the process starts.
 */
public final class ProcessLogs implements TestWatcher {

    private final List<Path> logs = new CopyOnWriteArrayList<>();

    /** Remembers a log to print on failure; returns it. */
    public Path add(Path log) {
        logs.add(log);
        return log;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (Path log : logs) {
            try {
                System.out.printf("----- %s -----%n%s%n", log.getFileName(), Files.readString(log));
            } catch (IOException e) {
                System.out.printf("----- %s unreadable: %s%n", log.getFileName(), e.getMessage());
            }
        }
    }
}
