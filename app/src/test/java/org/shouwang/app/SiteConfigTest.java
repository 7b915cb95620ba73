package org.shouwang.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The distribution's {@code conf/shouwang.yaml} lists every key the server knows (the modules' options records,
 * {@link AppConfig#DEFAULTS}) and loads to exactly the defaults: a key added, or a default changed, in Java must
 * be documented for sites too.
 */
class SiteConfigTest {

    private static final Path SITE_FILE = Path.of("src/dist/conf/shouwang.yaml");

    @Test
    void theSiteFileListsEveryKey() throws Exception {
        Map<String, String> defaults = leaves(ConfigLoader.defaults(), "");
        Map<String, String> site = leaves(new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(SITE_FILE)), "");

        assertThat(site.keySet()).as("keys of %s against the options records' defaults", SITE_FILE)
                .containsExactlyInAnyOrderElementsOf(defaults.keySet());
    }

    @Test
    void theSiteFileLoadsToExactlyTheDefaults() {
        AppConfig cfg = ConfigLoader.load(SITE_FILE, Map.of());

        assertThat(cfg).isEqualTo(ConfigLoader.load(null, Map.of()));
    }

    private static Map<String, String> leaves(JsonNode node, String path) {
        Map<String, String> out = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            if (f.getValue().isObject()) {
                out.putAll(leaves(f.getValue(), key));
            } else {
                out.put(key, f.getValue().asText());
            }
        }
        return out;
    }
}
