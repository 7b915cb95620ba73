package org.shouwang.roster;

import java.io.PrintStream;

/**
 * A one-line text progress bar for the terminal ({@code 写入 [##########----------]  50% 1200/2400}),
 * redrawn in place with a carriage return. Small files draw nothing: the bar is for waits one notices.
 */
public final class TextProgressBar implements RosterProgress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final int minimumRows;
    private String stage;
    private int percent = -1;

    /** @param minimumRows files with fewer rows than this show no bar */
    public TextProgressBar(PrintStream out, int minimumRows) {
        this.out = out;
        this.minimumRows = minimumRows;
    }

    @Override
    public void update(String stage, int done, int total) {
        if (total < minimumRows || total <= 0) {
            return;
        }
        int p = (int) (100L * done / total);
        if (p == percent && stage.equals(this.stage)) {
            return;
        }
        this.stage = stage;
        this.percent = p;
        out.print("\r" + render(stage, done, total));
        if (done >= total) {
            out.println();
        }
        out.flush();
    }

    static String render(String stage, int done, int total) {
        int filled = (int) ((long) WIDTH * done / total);
        return String.format("%s [%s%s] %3d%% %d/%d", stage, "#".repeat(filled), "-".repeat(WIDTH - filled),
                100L * done / total, done, total);
    }
}
