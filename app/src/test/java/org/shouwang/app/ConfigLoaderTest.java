package org.shouwang.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouwang.console.ConsoleConfig;
import org.shouwang.db.DatabaseConfig;
import org.shouwang.ingest.IngestConfig;
import org.shouwang.notifier.EscalationOptions;
import org.shouwang.notifier.WebhookConfig;
import org.shouwang.rules.RuleSettings;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAloneMakeAValidConfiguration() {
        AppConfig c = ConfigLoader.load(null, Map.of());

        assertThat(c.rules().noWaterWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(c.console().port()).isEqualTo(8080);
        assertThat(c.twilio().apiBaseUrl()).isEqualTo("https://api.twilio.com");
        assertThat(c.management()).isEqualTo(new AppConfig.Management("127.0.0.1", 8090));
    }

    @Test
    void managementPortIsValidatedAndZeroIsAllowed() {
        assertThat(ConfigLoader.load(null, Map.of("SHOUWANG_MANAGEMENT_PORT", "0")).management().port()).isZero();
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SHOUWANG_MANAGEMENT_PORT", "70000")))
                .hasMessageContaining("management: port must be 0-65535");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SHOUWANG_MANAGEMENT_HOST", " ")))
                .hasMessageContaining("management: host is required");
    }

    @Test
    void theDefaultsAreTheModulesOwnNotACopy() {
        AppConfig c = ConfigLoader.load(null, Map.of());

        assertThat(c.rules().options()).isEqualTo(RuleSettings.DEFAULTS);
        assertThat(c.ingestConfig()).isEqualTo(IngestConfig.of(IngestConfig.DEFAULT_BROKER_URL,
                IngestConfig.DEFAULT_CLIENT_ID));
        assertThat(c.console().options()).isEqualTo(ConsoleConfig.defaults());
        assertThat(c.escalation()).isEqualTo(EscalationOptions.DEFAULTS);
        assertThat(c.webhooks()).isEqualTo(WebhookConfig.DEFAULTS);
        assertThat(c.database().options()).isEqualTo(DatabaseConfig.of(DatabaseConfig.DEFAULT_URL));
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesTheFile() throws Exception {
        Path file = dir.resolve("shouwang.yaml");
        Files.writeString(file, "rules:\n  noWaterWindow: PT12H\nconsole:\n  port: 9000\n");

        AppConfig c = ConfigLoader.load(file, Map.of("SHOUWANG_CONSOLE_PORT", "9100",
                "SHOUWANG_MQTT_SHARED_GROUP", "", "SHOUWANG_INGEST_BATCH_DELAY", "PT0.2S"));

        assertThat(c.rules().noWaterWindow()).isEqualTo(Duration.ofHours(12));
        assertThat(c.console().port()).isEqualTo(9100);
        assertThat(c.mqtt().sharedGroup()).isEmpty();
        assertThat(c.ingest().batchDelay()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void environmentNamesFollowTheKeyPath() {
        assertThat(ConfigLoader.envName("mqtt.sharedGroup")).isEqualTo("SHOUWANG_MQTT_SHARED_GROUP");
        assertThat(ConfigLoader.envName("database.url")).isEqualTo("SHOUWANG_DATABASE_URL");
        assertThat(ConfigLoader.envName("twilio.apiBaseUrl")).isEqualTo("SHOUWANG_TWILIO_API_BASE_URL");
    }

    @Test
    void unknownKeyInTheFileIsRefusedByName() throws Exception {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, "console:\n  prot: 9000\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageContaining("console.prot");
    }

    @Test
    void invalidValueIsRefusedWithTheKeyName() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SHOUWANG_DATABASE_URL", "mysql://x")))
                .hasMessageContaining("database: database url must be a jdbc:postgresql: URL");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SHOUWANG_INGEST_QUEUE_CAPACITY", "10")))
                .as("one rule, the module's: ingest's own bound on the queue")
                .hasMessageContaining("ingest: queueCapacity must hold at least one batch");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SHOUWANG_RULES_NO_WATER_WINDOW", "24h")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
