package org.shouwang.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.shouwang.db.BrokerCredentialStore;
import org.shouwang.db.BrokerCredentialStore.Credential;
import org.shouwang.model.Topics;

/**
 * Writes Mosquitto's password file and ACL from the device registry: every active device may connect under its
 * id and write only below {@code shouwang/v1/{id}/}; ingest's account reads everything; a deactivated device is
 * left out, so once Mosquitto re-reads the files (SIGHUP) it can no longer connect. A device seen for the first
 * time gets a generated password, kept only as a hash in the database and handed over once in a CSV.
 */
public final class MosquittoAuthExport {

    public static final String PASSWORD_FILE = "shouwang.passwd";
    public static final String ACL_FILE = "shouwang.acl";
    static final int PASSWORD_LENGTH = 20;

    /** What an export wrote. {@code newPasswords} is null when no device was new. */
    public record Result(int devices, int created, int leftOut, Path passwordFile, Path aclFile, Path newPasswords,
                  List<String> unusable) {
    }

    private final BrokerCredentialStore store;
    private final Clock clock;

    public MosquittoAuthExport(BrokerCredentialStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Result export(Path dir, String ingestUser, String ingestPassword) throws IOException {
        if (ingestUser == null || ingestUser.isBlank() || ingestPassword == null || ingestPassword.isBlank()) {
            throw new IllegalArgumentException("set mqtt.username and mqtt.password: ingest's broker account goes"
                    + " into the password file too");
        }
        if (!Topics.DEVICE_ID.matcher(ingestUser).matches()) {
            throw new IllegalArgumentException("mqtt.username must be a plain name (letters, digits, . _ : -)");
        }
        Files.createDirectories(dir);
        List<String> passwd = new ArrayList<>();
        List<String> created = new ArrayList<>();
        int leftOut = 0;
        List<String> unusable = new ArrayList<>();
        for (Credential c : store.all()) {
            if (!c.active()) {
                leftOut++;
                continue;
            }
            if (c.deviceId().contains(":")) {
                // The password file is "user:hash": such an id cannot log in to Mosquitto. Said, never silent.
                unusable.add(c.deviceId());
                continue;
            }
            String hash = c.passwordHash();
            if (hash == null) {
                String password = MosquittoPasswords.generate(PASSWORD_LENGTH);
                String fresh = MosquittoPasswords.hash(password);
                if (store.setHashIfAbsent(c.deviceId(), fresh)) {
                    hash = fresh;
                    created.add(c.deviceId() + "," + password);
                } else {
                    hash = store.all().stream().filter(o -> o.deviceId().equals(c.deviceId())).findFirst()
                            .map(Credential::passwordHash).orElseThrow();
                }
            }
            passwd.add(c.deviceId() + ":" + hash);
        }
        passwd.add(ingestUser + ":" + MosquittoPasswords.hash(ingestPassword));
        Path passwordFile = write(dir.resolve(PASSWORD_FILE), String.join("\n", passwd) + "\n", "rw-r--r--");
        Path aclFile = write(dir.resolve(ACL_FILE), acl(ingestUser), "rw-r--r--");
        Path csv = null;
        if (!created.isEmpty()) {
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(clock.instant().atZone(clock.getZone()));
            csv = write(dir.resolve("new-device-passwords-" + stamp + ".csv"),
                    "deviceId,password\n" + String.join("\n", created) + "\n", "rw-------");
        }
        return new Result(passwd.size() - 1, created.size(), leftOut, passwordFile, aclFile, csv, List.copyOf(unusable));
    }

    static String acl(String ingestUser) {
        return "# Written by `shouwang devices mosquitto-auth`; do not edit, export again.\n"
                + "# ingest reads every device topic.\n"
                + "user " + ingestUser + "\n"
                + "topic read " + Topics.ROOT + "/#\n\n"
                + "# A device writes only below its own id (its username).\n"
                + "pattern write " + Topics.ROOT + "/%u/#\n";
    }

    /** Written beside and moved into place, so Mosquitto never reads half a file. */
    private static Path write(Path target, String text, String permissions) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(permissions));
        return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
