package org.shouwang.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.shouwang.model.Topics;

/**
 * How each simulated device logs in to a site's broker: by its id alone (a broker without passwords), one
 * shared account, or its own password from the CSV that {@code shouwang devices mosquitto-auth} hands over
 * ({@code deviceId,password}). Mosquitto's recommended ACL lets a device write only below
 * {@code shouwang/v1/{username}/}, so against it only per-device passwords work.
 */
public final class DeviceLogins {

    /** The header line of the export's CSV; repeated headers (files joined together) are skipped too. */
    public static final String CSV_HEADER = "deviceId,password";

    /** One device's login. Its {@code toString} never shows the password. */
    public record Login(String username, String password) {
        public Login {
            Objects.requireNonNull(username, "username");
        }

        @Override
        public String toString() {
            return "Login[username=" + username + ", password=" + (password == null ? "none" : "***") + "]";
        }
    }

    private enum Mode { ID_ONLY, SHARED, PER_DEVICE }

    private final Mode mode;
    private final Login shared;
    private final Map<String, String> passwords;

    private DeviceLogins(Mode mode, Login shared, Map<String, String> passwords) {
        this.mode = mode;
        this.shared = shared;
        this.passwords = Map.copyOf(passwords);
    }

    /** Username = device id, no password: a broker that lets anyone in (a test broker). */
    public static DeviceLogins idOnly() {
        return new DeviceLogins(Mode.ID_ONLY, null, Map.of());
    }

    /** Every device logs in with the same account; {@code password} may be null. */
    public static DeviceLogins shared(String username, String password) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("a shared login needs a username");
        }
        return new DeviceLogins(Mode.SHARED, new Login(username, password), Map.of());
    }

    /** Username = device id, each with its password from the export's CSV. */
    public static DeviceLogins fromCsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("credentials file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("credentials file " + file + " cannot be read: " + e.getMessage());
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.equalsIgnoreCase(CSV_HEADER)) {
                continue;
            }
            int comma = line.indexOf(',');
            String id = comma < 0 ? line : line.substring(0, comma).strip();
            String password = comma < 0 ? "" : line.substring(comma + 1).strip();
            // Says which line, never what is on it: the line holds a password.
            if (!Topics.DEVICE_ID.matcher(id).matches() || password.isEmpty()) {
                throw new IllegalArgumentException("credentials file " + file + ", line " + n
                        + ": expected 'deviceId,password' as `shouwang devices mosquitto-auth` writes it");
            }
            passwords.put(id, password);
        }
        if (passwords.isEmpty()) {
            throw new IllegalArgumentException("credentials file " + file + " holds no device passwords");
        }
        return new DeviceLogins(Mode.PER_DEVICE, null, passwords);
    }

    /** Fails, naming them, if any of these devices has no password in the file. */
    public void requireAll(Collection<String> deviceIds) {
        if (mode != Mode.PER_DEVICE) {
            return;
        }
        List<String> missing = deviceIds.stream().filter(id -> !passwords.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the credentials file has no password for " + missing.size()
                    + " simulated device(s): " + String.join(", ", missing.subList(0, Math.min(10, missing.size())))
                    + (missing.size() > 10 ? ", …" : ""));
        }
    }

    /** How {@code deviceId} logs in. */
    public Login of(String deviceId) {
        return switch (mode) {
            case ID_ONLY -> new Login(deviceId, null);
            case SHARED -> shared;
            case PER_DEVICE -> {
                String password = passwords.get(deviceId);
                if (password == null) {
                    throw new IllegalArgumentException("no password for device " + deviceId
                            + " in the credentials file");
                }
                yield new Login(deviceId, password);
            }
        };
    }

    /** For the log: how devices log in, without any name or password. */
    public String describe() {
        return switch (mode) {
            case ID_ONLY -> "device id, no password";
            case SHARED -> "one shared account";
            case PER_DEVICE -> "device id with its own password (" + passwords.size() + " in the credentials file)";
        };
    }
}
