package org.shouwang.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.shouwang.model.Rule;
import org.shouwang.model.Severity;

/**
 * Reads escalation plans from YAML: {@code quietHours}, {@code quietAfterClear}, {@code elderNightCall},
 * {@code severities}, {@code rules}, {@code streets}.
 * Unknown keys are errors (a typo must not silently keep a default), and so is any invalid plan; the
 * message names the path of the offending key.
 */
final class EscalationPlansYaml {

    /** The file's shape: every section optional, each plan in it complete. */
    record PlansFile(QuietHours quietHours, QuietAfterClear quietAfterClear, Set<Rule> elderNightCall, ChannelCaps caps,
                     Map<Severity, EscalationPlan> severities, Map<Rule, EscalationPlan> rules,
                     Map<String, EscalationPlans.StreetPlans> streets) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EscalationPlansYaml() {
    }

    static EscalationPlans load(Path file, EscalationPlans defaults) {
        try {
            return parse(Files.readString(file), defaults);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read escalation plans " + file + ": " + e.getMessage(), e);
        }
    }

    static EscalationPlans parse(String yaml, EscalationPlans defaults) {
        PlansFile file;
        try {
            file = yaml == null || yaml.isBlank() ? null : YAML.readValue(yaml, PlansFile.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException("escalation plans: " + path(e) + ": " + reason(e), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("escalation plans are not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("escalation plans could not be read: " + e.getMessage(), e);
        }
        if (file == null) {
            return defaults;
        }
        Map<Severity, EscalationPlan> severities = new EnumMap<>(defaults.severities());
        if (file.severities() != null) {
            severities.putAll(file.severities());
        }
        Map<Rule, EscalationPlan> rules = new EnumMap<>(Rule.class);
        rules.putAll(defaults.rules());
        if (file.rules() != null) {
            rules.putAll(file.rules());
        }
        Map<String, EscalationPlans.StreetPlans> streets = file.streets() == null ? Map.of()
                : file.streets().entrySet().stream().collect(Collectors.toMap(e -> e.getKey().strip(),
                        Map.Entry::getValue));
        return new EscalationPlans(severities, rules, streets,
                file.quietHours() == null ? defaults.quietHours() : file.quietHours(),
                file.quietAfterClear() == null ? defaults.quietAfterClear() : file.quietAfterClear(),
                file.elderNightCall() == null ? defaults.elderNightCall() : file.elderNightCall(),
                file.caps() == null ? defaults.caps() : file.caps());
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** The validation message of our own records, else Jackson's short one. */
    private static String reason(JsonMappingException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
            return cause.getMessage();
        }
        return e.getOriginalMessage();
    }
}
