package org.shouwang.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextProgressBarTest {

    @Test
    void drawsTheBarInPlaceOncePerPercentAndEndsTheLineWhenDone() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextProgressBar bar = new TextProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 10);

        for (int i = 1; i <= 400; i++) {
            bar.update("写入", i, 400);
        }

        String out = bytes.toString(StandardCharsets.UTF_8);
        // 0 % and then every percent up to 100: 101 drawings, each after a carriage return.
        assertThat(out.split("\r", -1)).hasSize(102);
        assertThat(out).endsWith("写入 [##############################] 100% 400/400" + System.lineSeparator());
        assertThat(TextProgressBar.render("读取", 1, 2)).isEqualTo("读取 [###############---------------]  50% 1/2");
    }

    @Test
    void aSmallFileDrawsNoBar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextProgressBar bar = new TextProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 200);

        bar.update("写入", 50, 50);

        assertThat(bytes.size()).isZero();
    }
}
