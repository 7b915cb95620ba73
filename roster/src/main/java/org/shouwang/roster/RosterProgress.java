package org.shouwang.roster;

/** Told how far a long roster operation has come, e.g. to draw a progress bar. */
@FunctionalInterface
public interface RosterProgress {

    /** Nothing to tell. */
    RosterProgress NONE = (stage, done, total) -> { };

    /**
     * @param stage what is being done, in Chinese (读取, 校验, 写入, 导出)
     * @param done  rows done so far
     * @param total rows in all
     */
    void update(String stage, int done, int total);
}
