package org.shouwang.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.shouwang.notifier.MessageType;
import org.shouwang.notifier.channel.aliyun.RegisteredTexts;

/**
 * The demo's Alibaba Cloud template codes: one made-up code per message type that has a registered text, as a site
 * lists the codes Alibaba approved (README: Mainland China), written to a temporary file for {@code aliyun.templatesFile}.
 */
final class DemoTemplates {

    private DemoTemplates() {
    }

    static Path write() {
        StringBuilder yaml = new StringBuilder("sms:\n");
        int n = 0;
        for (MessageType type : RegisteredTexts.SMS.keySet()) {
            yaml.append("  ").append(type.name()).append(": { code: SMS_90000").append(++n).append(" }\n");
        }
        yaml.append("voice:\n");
        for (MessageType type : RegisteredTexts.VOICE.keySet()) {
            yaml.append("  ").append(type.name()).append(": { code: TTS_90000").append(++n).append(" }\n");
        }
        try {
            Path file = Files.createTempFile("shouwang-demo-aliyun-templates", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, yaml.toString());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo's template codes", e);
        }
    }
}
