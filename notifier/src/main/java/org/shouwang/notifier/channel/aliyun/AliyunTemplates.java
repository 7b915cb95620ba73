package org.shouwang.notifier.channel.aliyun;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.shouwang.notifier.MessageType;

/**
 * The templates a site registered with Alibaba Cloud: for each message type, the SMS template's code and
 * the voice (TTS) template's code, each with the layout of its variables ({@link RegisteredTexts} by
 * default). Read from YAML and checked when read, so a layout the provider would refuse stops the start,
 * not a page:
 * <pre>
 * sms:
 *   CRITICAL: { code: SMS_468123001 }          # the registered text of RegisteredTexts.SMS
 *   WELL_CHECK:
 *     code: SMS_468123006
 *     variables: { name: "{name}", reason: "{reason}" }
 * voice:
 *   CRITICAL: { code: TTS_468124001 }
 * </pre>
 * A message type without a template cannot go through Alibaba Cloud: its pages are refused for good, so the
 * escalation moves on.
 */
public record AliyunTemplates(Map<MessageType, TemplateLayout> sms, Map<MessageType, TemplateLayout> voice) {

    /** One entry of the file; {@code variables} left out means the default layout of {@link RegisteredTexts}. */
    record Entry(String code, Map<String, String> variables) {
    }

    /** The file's shape. */
    record TemplatesFile(Map<MessageType, Entry> sms, Map<MessageType, Entry> voice) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public AliyunTemplates {
        sms = checked(sms, "sms");
        voice = checked(voice, "voice");
    }

    public Optional<TemplateLayout> sms(MessageType type) {
        return Optional.ofNullable(sms.get(type));
    }

    public Optional<TemplateLayout> voice(MessageType type) {
        return Optional.ofNullable(voice.get(type));
    }

    public static AliyunTemplates load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read aliyun templates " + file + ": " + e.getMessage(), e);
        }
    }

    public static AliyunTemplates parse(String yaml) {
        TemplatesFile file;
        try {
            file = yaml == null || yaml.isBlank() ? null : YAML.readValue(yaml, TemplatesFile.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException("aliyun templates: " + path(e) + ": " + reason(e), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("aliyun templates are not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (file == null) {
            return new AliyunTemplates(Map.of(), Map.of());
        }
        return new AliyunTemplates(layouts(file.sms(), RegisteredTexts.SMS, "sms"),
                layouts(file.voice(), RegisteredTexts.VOICE, "voice"));
    }

    private static Map<MessageType, TemplateLayout> layouts(Map<MessageType, Entry> entries,
                                                            Map<MessageType, RegisteredTexts.Text> defaults, String where) {
        Map<MessageType, TemplateLayout> out = new EnumMap<>(MessageType.class);
        if (entries == null) {
            return out;
        }
        entries.forEach((type, e) -> {
            String at = where + "." + type;
            if (e == null) {
                throw new IllegalArgumentException("aliyun templates: " + at + ": needs a code");
            }
            Map<String, String> variables = e.variables();
            if (variables == null) {
                RegisteredTexts.Text text = defaults.get(type);
                if (text == null) {
                    throw new IllegalArgumentException("aliyun templates: " + at + ": has no default text; give its variables");
                }
                variables = text.variables();
            }
            try {
                out.put(type, new TemplateLayout(e.code(), variables));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("aliyun templates: " + at + ": " + ex.getMessage(), ex);
            }
        });
        return out;
    }

    private static Map<MessageType, TemplateLayout> checked(Map<MessageType, TemplateLayout> layouts, String where) {
        Map<MessageType, TemplateLayout> copy = new EnumMap<>(MessageType.class);
        if (layouts != null) {
            copy.putAll(layouts);
        }
        copy.forEach((type, layout) -> {
            try {
                layout.check(type, where + "." + type);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("aliyun templates: " + e.getMessage(), e);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String reason(JsonMappingException e) {
        Throwable cause = e.getCause();
        return cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
    }
}
