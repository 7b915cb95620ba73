package org.shouwang.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto of the test's own, on a free port, configured with the repository's recommended
 * {@code docs/mosquitto/shouwang.conf}, that the test can stop and start again: the machine's shared broker
 * must not be restarted under other tests. Mosquitto drops root, so its folder is world-readable and its
 * persistence folder world-writable. Test support: it moves to the test kit with {@link TestServices}.
 */
public final class PrivateMosquitto implements AutoCloseable {

    private final Path dir;
    private final Path conf;
    private final int port;
    private Process process;

    private PrivateMosquitto(Path dir, Path conf, int port) {
        this.dir = dir;
        this.conf = conf;
        this.port = port;
    }

    /** The folder of this broker's files; an export may write its password file and ACL here. */
    public Path dir() {
        return dir;
    }

    /** The recommended configuration with this broker's port and folders; {@code extra} lines are appended. */
    public static PrivateMosquitto recommended(String... extra) throws IOException {
        Path source = repositoryFile("docs/mosquitto/shouwang.conf");
        int port = Ports.free(1)[0];
        Path dir = Files.createTempDirectory("shouwang-mosquitto-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(source)) {
            if (line.startsWith("listener ")) {
                line = "listener " + port + " 127.0.0.1";
            } else if (line.startsWith("persistence_location ")) {
                line = "persistence_location " + data + "/";
            }
            text.append(line).append('\n');
        }
        text.append("log_dest file ").append(data.resolve("mosquitto.log")).append('\n');
        for (String line : extra) {
            text.append(line).append('\n');
        }
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, text);
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        return new PrivateMosquitto(dir, conf, port);
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public synchronized void start() throws IOException {
        process = new ProcessBuilder("mosquitto", "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Ports.listening(port)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IOException("private mosquitto did not listen on " + port + ": " + log());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** Makes Mosquitto re-read its password file and ACL (SIGHUP), as an operator does after an export. */
    public synchronized void reload() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IOException("could not signal mosquitto " + process.pid());
        }
    }

    /** A clean stop (SIGTERM): Mosquitto saves its persistence file on the way out. */
    public synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        process = null;
    }

    public synchronized void restart() throws Exception {
        stop();
        start();
    }

    /** The broker's log, for a failing test's message. */
    public String log() {
        try {
            return Files.readString(dir.resolve("data").resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /** Walks up from the module's folder to the repository root. */
    public static Path repositoryFile(String relative) {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(relative))) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + here);
    }
}
