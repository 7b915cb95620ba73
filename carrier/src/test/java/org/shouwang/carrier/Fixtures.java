package org.shouwang.carrier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded carrier pushes in {@code src/test/resources/carrier} (copied from the shared fixtures). */
public final class Fixtures {

    public static final String ONENET_TOKEN = "shouwang-demo-onenet";
    public static final String ONENET_NOTIFY = "onenet-notify-property.json";
    public static final String ONENET_LIFECYCLE = "onenet-lifecycle-online.json";
    public static final String CTWING_CJ188 = "ctwing-datareport-appdata-cj188.json";
    public static final String CTWING_PROPERTIES = "ctwing-datareport-properties.json";
    public static final String CTWING_ONLINE_OFFLINE = "ctwing-online-offline.json";

    private Fixtures() {
    }

    public static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/carrier/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
