package io.pgflo.camel.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** Servers in containers, for machines where a Docker engine runs. Testcontainers stops them at exit. */
final class ContainerServers {

    private ContainerServers() {
    }

    static boolean dockerAvailable() {
        if ("false".equalsIgnoreCase(System.getenv("PGFLO_TEST_DOCKER"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    static PgServer postgres() {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("postgres:15"))
                .withEnv("POSTGRES_PASSWORD", "postgres")
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=64",
                        "-c", "max_wal_senders=64", "-c", "max_connections=200", "-c", "fsync=off")
                .withExposedPorts(5432)
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2));
        container.start();
        return new PgServer(container.getHost(), container.getMappedPort(5432), "postgres", "postgres", "postgres",
                "Testcontainers postgres:15");
    }

    @SuppressWarnings("resource")
    static NatsServer nats() {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("nats:2.10"))
                .withCommand("-js")
                .withExposedPorts(4222)
                .waitingFor(Wait.forLogMessage(".*Server is ready.*", 1));
        container.start();
        return new NatsServer("nats://" + container.getHost() + ":" + container.getMappedPort(4222),
                "Testcontainers nats:2.10");
    }
}
