package org.shouwang.roster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.shouwang.model.ResidentId;

/** Synthetic rosters for tests: valid ID numbers, annex-3 rows, and files as Excel or CSV would hold them. */
final class RosterFixtures {

    /** 2026-10-01 10:00 in Suzhou. */
    static final LocalDate TODAY = LocalDate.of(2026, 10, 1);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-01T02:00:00Z"), ZoneOffset.UTC);
    static final List<String> STREETS = List.of("平江街道", "沧浪街道", "双塔街道", "虎丘街道", "吴门桥街道", "金阊街道",
            "白洋湾街道", "苏锦街道");
    static final List<String> HEADER = List.of("序号", "街道", "社区", "姓名", "身份证号", "住址", "联系电话",
            "类别（选无子女或赡养人、子女或赡养人无照顾能力、空巢、独居）", "有子女或赡养人，请选择为区外或街道外",
            "是否为低保家庭中失能半失能的空巢独居老人");
    static final List<String> CARE_TEAM_HEADER = List.of("社区工作者", "社区工作者电话", "近邻亲属或志愿者",
            "近邻亲属或志愿者电话", "家属联系人", "家属联系人电话", "四方协议签订日期");

    private static int serial;

    private RosterFixtures() {
    }

    /** A valid 18-character ID number of someone born on {@code birth}, unique within the JVM. */
    static String id(LocalDate birth) {
        serial = serial % 999 + 1;
        String first17 = String.format("320508%s%03d", birth.toString().replace("-", ""), serial);
        return first17 + ResidentId.checkCharacter(first17);
    }

    static String id(int yearBorn) {
        return id(LocalDate.of(yearBorn, 5, 1));
    }

    /** A valid annex row: no., street, community, name, ID, address, phone, category, children, low-income. */
    static List<String> row(int seq, String street, String community, String name, String id) {
        return new ArrayList<>(List.of(Integer.toString(seq), street, community, name, id, community + seq + "号",
                "1380000" + String.format("%04d", seq), "独居", "区外", "否"));
    }

    /** The annex's title lines, an empty line, then the header and the rows. */
    static List<List<String>> annex(String street, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(List.of("空巢、独居老人情况摸排表"));
        all.add(List.of("报送街道：" + street + "（盖章）", "", "", "", "", "报送时间：2026年9月20日"));
        all.add(List.of());
        all.add(HEADER);
        all.addAll(rows);
        return all;
    }

    /** The spreadsheet row number of the data row with index {@code i} in {@link #annex}: header is row 4. */
    static int sheetRow(int i) {
        return 5 + i;
    }

    static byte[] xlsx(List<List<String>> lines) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("摸排表");
            for (int r = 0; r < lines.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < lines.get(r).size(); c++) {
                    row.createCell(c).setCellValue(lines.get(r).get(c));
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] csv(List<List<String>> lines, Charset charset, boolean bom) {
        StringBuilder b = new StringBuilder();
        for (List<String> line : lines) {
            b.append(String.join(",", line.stream().map(RosterFixtures::quoted).toList())).append("\r\n");
        }
        byte[] body = b.toString().getBytes(charset);
        if (!bom) {
            return body;
        }
        byte[] out = new byte[body.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    static byte[] utf8(List<List<String>> lines) {
        return csv(lines, StandardCharsets.UTF_8, false);
    }

    private static String quoted(String cell) {
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
