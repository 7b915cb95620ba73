package org.shouwang.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** Test services in Docker containers, used only where a Docker engine answers. */
final class Containers {

    private static final Logger LOG = LoggerFactory.getLogger(Containers.class);

    private Containers() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("no Docker engine: {}", e.toString());
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' Ryuk when the JVM exits
    static String postgres() {
        GenericContainer<?> pg = new GenericContainer<>(DockerImageName.parse("postgres:16-alpine"))
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                .withExposedPorts(5432)
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2));
        pg.start();
        LOG.info("tests use PostgreSQL in a container");
        return "jdbc:postgresql://" + pg.getHost() + ":" + pg.getMappedPort(5432) + "/postgres?user=postgres";
    }

    @SuppressWarnings("resource")
    static String mosquitto() {
        GenericContainer<?> mq = new GenericContainer<>(DockerImageName.parse("eclipse-mosquitto:2"))
                .withCommand("mosquitto", "-c", "/mosquitto-no-auth.conf")
                .withExposedPorts(1883);
        mq.start();
        LOG.info("tests use Mosquitto in a container");
        return "tcp://" + mq.getHost() + ":" + mq.getMappedPort(1883);
    }
}
