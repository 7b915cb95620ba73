package org.shouwang.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A clustered MQTT broker of the test's own: N {@code nats-server} processes (Debian's package) on free ports of
 * 127.0.0.1, routed into one cluster with JetStream and the MQTT listener, each configured from the repository's
 * {@code docs/nats/shouwang.conf} with only its NODE lines rewritten. A test can kill a node (SIGKILL, as a lost
 * machine) and start it again on the same ports and store. With {@code -Dshouwang.test.nats.trace=true} every node
 * traces each protocol operation to its log (MQTT packets with their packet ids), for diagnosing a failing test.
 */
public final class PrivateNatsCluster implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(60);
    private final Path dir;
    private final List<Node> nodes;

    private record Node(String name, Path conf, Path log, int client, int cluster, int http, int mqtt) {
    }

    private final Process[] processes;

    private PrivateNatsCluster(Path dir, List<Node> nodes) {
        this.dir = dir;
        this.nodes = nodes;
        this.processes = new Process[nodes.size()];
    }

    /** Writes the configuration of {@code size} nodes (at least 3 for JetStream's R3) and starts none yet. */
    public static PrivateNatsCluster recommended(int size) throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs a node");
        }
        Path dir = Files.createTempDirectory("shouwang-nats-");
        List<Node> nodes = new ArrayList<>();
        int[] ports = Ports.free(4 * size);
        for (int i = 1; i <= size; i++) {
            int p = 4 * (i - 1);
            nodes.add(new Node("shouwang-nats-" + i, dir.resolve("n" + i + ".conf"), dir.resolve("n" + i + ".log"),
                    ports[p], ports[p + 1], ports[p + 2], ports[p + 3]));
        }
        String routes = nodes.stream().map(n -> "nats-route://127.0.0.1:" + n.cluster())
                .collect(Collectors.joining(", ", "[", "]"));
        List<String> template = Files.readAllLines(PrivateMosquitto.repositoryFile("docs/nats/shouwang.conf"));
        for (Node n : nodes) {
            Files.writeString(n.conf(), configure(template, n, dir.resolve("store-" + n.name()), routes)
                    + (Boolean.getBoolean("shouwang.test.nats.trace") ? "trace: true\n" : ""));
        }
        return new PrivateNatsCluster(dir, List.copyOf(nodes));
    }

    /** The documented file with this node's names, ports and folder; everything else stays as documented. */
    private static String configure(List<String> template, Node n, Path store, String routes) {
        StringBuilder text = new StringBuilder();
        String block = "";
        for (String line : template) {
            String t = line.trim();
            if (t.endsWith("{")) {
                block = t.substring(0, t.indexOf(' ') < 0 ? t.length() - 1 : t.indexOf(' ')).trim();
            } else if (t.equals("}")) {
                block = "";
            }
            if (t.startsWith("server_name:")) {
                line = "server_name: " + n.name();
            } else if (t.startsWith("listen:")) {
                int port = switch (block) {
                    case "cluster" -> n.cluster();
                    case "mqtt" -> n.mqtt();
                    default -> n.client();
                };
                line = "  listen: 127.0.0.1:" + port;
            } else if (t.startsWith("http:")) {
                line = "http: 127.0.0.1:" + n.http();
            } else if (t.startsWith("store_dir:")) {
                line = "  store_dir: \"" + store + "\"";
            } else if (t.startsWith("routes:")) {
                line = "  routes: " + routes;
            }
            text.append(line).append('\n');
        }
        return text.toString();
    }

    /** Starts every node and waits until each answers its health check (JetStream current). */
    public synchronized PrivateNatsCluster start() throws IOException {
        for (int i = 0; i < nodes.size(); i++) {
            launch(i);
        }
        for (int i = 0; i < nodes.size(); i++) {
            awaitHealthy(i);
        }
        return this;
    }

    /** Kills node {@code i} at once (SIGKILL): a machine lost, nothing flushed, no goodbye to its peers. */
    public synchronized void kill(int i) throws InterruptedException {
        Process p = processes[i];
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        processes[i] = null;
    }

    /** Starts node {@code i} again on its ports and store, and waits until it is healthy. */
    public synchronized void restart(int i) throws IOException {
        if (processes[i] != null && processes[i].isAlive()) {
            throw new IllegalStateException(nodes.get(i).name() + " is running");
        }
        launch(i);
        awaitHealthy(i);
    }

    /** The MQTT URL of node {@code i} (from 0). */
    public String url(int i) {
        return "tcp://127.0.0.1:" + nodes.get(i).mqtt();
    }

    /** Every node's MQTT URL, comma-separated from node {@code first} on: the platform's {@code mqtt.url}. */
    public String urls(int first) {
        return IntStream.range(0, nodes.size()).map(k -> (first + k) % nodes.size()).mapToObj(this::url)
                .collect(Collectors.joining(","));
    }

    public int size() {
        return nodes.size();
    }

    /** The nodes' logs, for a failing test's message. */
    public String logs() {
        StringBuilder all = new StringBuilder();
        for (Node n : nodes) {
            all.append("--- ").append(n.name()).append('\n');
            try {
                List<String> lines = Files.readAllLines(n.log());
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> all.append(l).append('\n'));
            } catch (IOException e) {
                all.append("(no log: ").append(e.getMessage()).append(")\n");
            }
        }
        return all.toString();
    }

    private void launch(int i) throws IOException {
        Node n = nodes.get(i);
        processes[i] = new ProcessBuilder("nats-server", "-c", n.conf().toString(), "-l", n.log().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(n.name() + ".stdout").toFile()))
                .start();
    }

    private void awaitHealthy(int i) throws IOException {
        Node n = nodes.get(i);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.http() + "/healthz"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY.toNanos();
        while (true) {
            if (processes[i] == null || !processes[i].isAlive()) {
                throw new IOException(n.name() + " exited: " + logs());
            }
            if (Ports.listening(n.mqtt())) {
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not yet up
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(n.name() + " not healthy within " + READY.toSeconds() + " s: " + logs());
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    @Override
    public synchronized void close() throws Exception {
        for (int i = 0; i < nodes.size(); i++) {
            kill(i);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
