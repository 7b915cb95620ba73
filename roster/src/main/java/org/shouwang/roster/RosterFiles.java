package org.shouwang.roster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a roster file by what it is (a workbook's signature), not by what its name says. */
public final class RosterFiles {

    private RosterFiles() {
    }

    public static RosterTable read(Path file, RosterProgress progress) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RosterFormatException("无法打开文件" + file.getFileName() + "：" + e.getMessage(), e);
        }
        return read(bytes, progress);
    }

    /** .xlsx (a zip: {@code PK}), .xls (OLE2: {@code D0 CF 11 E0}), otherwise CSV. */
    public static RosterTable read(byte[] bytes, RosterProgress progress) {
        if (bytes.length == 0) {
            throw new RosterFormatException("文件是空的");
        }
        boolean zip = bytes.length > 3 && bytes[0] == 'P' && bytes[1] == 'K';
        boolean ole2 = bytes.length > 3 && (bytes[0] & 0xff) == 0xD0 && (bytes[1] & 0xff) == 0xCF
                && (bytes[2] & 0xff) == 0x11 && (bytes[3] & 0xff) == 0xE0;
        if (zip || ole2) {
            return XlsxRosterReader.read(bytes, progress);
        }
        RosterTable table = CsvRosterReader.read(bytes);
        progress.update("读取", table.rows().size(), table.rows().size());
        return table;
    }
}
