package org.shouwang.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shouwang run}: the production process against Mosquitto and PostgreSQL. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the platform against the configured broker and database.")
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigLoader.CONFIG_FILE_ENV,
            description = ConfigLoader.CONFIG_FILE_HELP)
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        AppConfig cfg = ConfigLoader.load(config, System.getenv());
        Platform platform = Platform.startWhenDatabaseAnswers(cfg, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "shouwang-shutdown"));
        stopped.await();
        return 0;
    }
}
