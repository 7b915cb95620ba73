package org.shouwang.embedded;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MQTT 3.1.1 broker (Moquette) for the demo and for tests on machines without
 * Mosquitto. Production always runs Mosquitto.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final Server server;
    private final int port;

    private EmbeddedBroker(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a broker on 127.0.0.1; port 0 picks a free one. */
    public static EmbeddedBroker start(int port) {
        int actual = port == 0 ? freePort() : port;
        Properties props = new Properties();
        props.setProperty("host", "127.0.0.1");
        props.setProperty("port", Integer.toString(actual));
        props.setProperty("allow_anonymous", "true");
        props.setProperty("telemetry_enabled", "false");
        props.setProperty("persistence_enabled", "false");
        // Moquette's default (8,092 bytes) is below what ingest accepts (64 KiB, 500 intervals); as the recommended
        // Mosquitto's max_packet_size, well above it (BrokerPayloadSizeIT).
        props.setProperty("netty.mqtt.message_size", Integer.toString(256 * 1024));
        Server server = new Server();
        try {
            server.startServer(new MemoryConfig(props));
        } catch (IOException e) {
            throw new UncheckedIOException("embedded MQTT broker did not start", e);
        }
        LOG.info("embedded MQTT broker started [port: {}]", actual);
        return new EmbeddedBroker(server, actual);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.stopServer();
        LOG.info("embedded MQTT broker stopped");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
