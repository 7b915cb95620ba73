package org.shouwang.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.shouwang.model.Json;

/**
 * Reads the configuration in three layers: the defaults of the modules' options records ({@link AppConfig#DEFAULTS},
 * which list every key), an optional YAML file, then environment variables named
 * {@code SHOUWANG_<PATH_IN_UPPER_SNAKE_CASE>}. A key that the defaults do not know is an error, so a
 * typo in a site's file is caught at start-up instead of silently ignored.
 */
public final class ConfigLoader {

    static final String PREFIX = "SHOUWANG_";
    /**
     * Every command's {@code --config} defaults to the file named by {@code SHOUWANG_CONFIG} (picocli resolves
     * it; unset means no file), so a launcher or a systemd unit can name the file once for all commands.
     */
    static final String CONFIG_FILE_ENV = "${env:SHOUWANG_CONFIG}";
    static final String CONFIG_FILE_HELP = "YAML configuration file (default: the file named by the SHOUWANG_CONFIG "
            + "environment variable, else none); SHOUWANG_* environment variables override its keys";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {
    }

    public static AppConfig load(Path file, Map<String, String> env) {
        ObjectNode tree = defaults();
        if (file != null && !file.toString().isEmpty()) {
            try {
                JsonNode site = YAML.readTree(Files.readAllBytes(file));
                if (site != null && !site.isMissingNode() && !site.isNull()) {
                    merge(tree, site, "");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
            }
        }
        applyEnvironment(tree, "", env);
        return AppConfig.from(tree);
    }

    /** Every key with its default, as the modules' options records define them ({@link AppConfig#DEFAULTS}). */
    static ObjectNode defaults() {
        return Json.MAPPER.valueToTree(AppConfig.DEFAULTS);
    }

    private static void merge(ObjectNode target, JsonNode source, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            JsonNode known = target.get(f.getKey());
            if (known == null) {
                throw new IllegalArgumentException("unknown configuration key '" + key + "'");
            }
            if (known.isObject()) {
                if (!f.getValue().isObject()) {
                    throw new IllegalArgumentException("configuration key '" + key + "' must be a section");
                }
                merge((ObjectNode) known, f.getValue(), key);
            } else {
                target.set(f.getKey(), f.getValue());
            }
        }
    }

    private static void applyEnvironment(ObjectNode node, String path, Map<String, String> env) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            if (f.getValue().isObject()) {
                applyEnvironment((ObjectNode) f.getValue(), key, env);
            } else {
                String value = env.get(envName(key));
                if (value != null) {
                    node.put(f.getKey(), value);
                }
            }
        }
    }

    /** {@code mqtt.sharedGroup} → {@code SHOUWANG_MQTT_SHARED_GROUP}. */
    static String envName(String key) {
        return PREFIX + key.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
