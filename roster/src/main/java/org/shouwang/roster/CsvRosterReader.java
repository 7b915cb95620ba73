package org.shouwang.roster;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a CSV roster (UTF-8 with or without BOM, or GBK; see {@link RosterCharsets}). */
final class CsvRosterReader {

    private CsvRosterReader() {
    }

    static RosterTable read(byte[] bytes) {
        RosterCharsets.Decoded decoded = RosterCharsets.decode(bytes);
        List<RosterHeader.RawRow> raw = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get()
                .parse(new StringReader(decoded.text()))) {
            for (CSVRecord record : parser) {
                // Excel shows each record as one row, even one whose quoted cell spans lines.
                raw.add(new RosterHeader.RawRow((int) record.getRecordNumber(), record.toList()));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new RosterFormatException("CSV文件无法解析：" + e.getMessage(), e);
        }
        return RosterHeader.table(raw, "csv " + decoded.encoding());
    }
}
