package org.shouwang.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.shouwang.db.BrokerCredentialStore;
import org.shouwang.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shouwang devices …}: the installed devices as other systems need them. */
@Command(name = "devices", mixinStandardHelpOptions = true, description = "Device registry tools.",
        subcommands = DevicesCommand.MosquittoAuth.class)
public final class DevicesCommand {

    /** {@code shouwang devices mosquitto-auth --out DIR}. */
    @Command(name = "mosquitto-auth", mixinStandardHelpOptions = true,
            description = "Write Mosquitto's password file and ACL from the device registry (deactivated devices are"
                    + " left out); new devices' passwords go once into a CSV. Then reload Mosquitto: kill -HUP.")
    public static final class MosquittoAuth implements Callable<Integer> {

        @Option(names = "--config", paramLabel = "FILE", defaultValue = ConfigLoader.CONFIG_FILE_ENV,
                description = ConfigLoader.CONFIG_FILE_HELP)
        Path config;

        @Option(names = "--out", required = true, description = "folder for shouwang.passwd and shouwang.acl")
        Path out;

        @Override
        public Integer call() throws Exception {
            AppConfig cfg = ConfigLoader.load(config, System.getenv());
            try (Database db = Database.open(cfg.database().options())) {
                MosquittoAuthExport.Result r = new MosquittoAuthExport(new BrokerCredentialStore(db.dataSource()),
                        Clock.systemDefaultZone()).export(out, cfg.mqtt().username(), cfg.mqtt().password());
                System.out.printf("wrote %s and %s: %d active devices (%d new), %d deactivated left out%n",
                        r.passwordFile(), r.aclFile(), r.devices(), r.created(), r.leftOut());
                if (!r.unusable().isEmpty()) {
                    System.out.printf("NOT exported (a ':' cannot stand in a Mosquitto username): %s%n", r.unusable());
                }
                if (r.newPasswords() != null) {
                    System.out.printf("new devices' passwords: %s (hand them to the installer, then delete the file)%n",
                            r.newPasswords());
                }
                System.out.println("reload Mosquitto to apply: kill -HUP $(pidof mosquitto)");
                return r.unusable().isEmpty() ? 0 : 2;
            }
        }
    }
}
