package org.shouwang.demo.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code shouwang sim load} as a process of its own, started with this JVM's java binary and class path, so that
 * the load generator competes with the platform only as another process on the machine would. Reads its output
 * as it comes: the moment it announces the first reading, and its last line of what it published.
 */
public final class SimLoadProcess implements AutoCloseable {

    private static final int TAIL_LINES = 40;

    private final Process process;
    private final Thread reader;
    private final CountDownLatch started = new CountDownLatch(1);
    private final Deque<String> tail = new ArrayDeque<>();
    private volatile long startedNanos;
    private volatile SimLoadReport report;

    private SimLoadProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "sim-load-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs {@code mainClass args…} (e.g. {@code org.shouwang.demo.Main sim load --meters 50 …}). */
    public static SimLoadProcess start(String mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        return new SimLoadProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** The process, e.g. to read its CPU time. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Waits for the first reading; returns its {@link System#nanoTime} here. */
    public long awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!started.await(100, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw failure("sim load did not start its readings" + (process.isAlive() ? " in " + timeout
                        : " (exit " + process.exitValue() + ")"));
            }
        }
        return startedNanos;
    }

    /** Waits for the process to end and returns what it published. */
    public SimLoadReport awaitReport(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw failure("sim load still running " + timeout + " after its load should have ended");
        }
        reader.join(5_000);
        if (process.exitValue() != 0 || report == null) {
            throw failure("sim load exited " + process.exitValue() + " without its report line");
        }
        return report;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (SimLoadReport.isStarted(line)) {
                    startedNanos = System.nanoTime();
                    started.countDown();
                }
                SimLoadReport r = SimLoadReport.parse(line);
                if (r != null) {
                    report = r;
                }
                synchronized (tail) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
            }
        } catch (IOException e) {
            // The process ended or was destroyed: what was read is what there is.
        }
    }

    private IllegalStateException failure(String message) {
        synchronized (tail) {
            return new IllegalStateException(message + "; its last output:\n  " + String.join("\n  ", tail));
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
