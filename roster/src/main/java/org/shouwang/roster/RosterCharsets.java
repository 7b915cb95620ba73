package org.shouwang.roster;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a CSV roster whatever Excel saved it as: a UTF-8 byte-order mark means UTF-8; bytes that
 * decode as strict UTF-8 are UTF-8; anything else is taken as GBK (Excel's "CSV" on a Chinese
 * Windows), decoded with GB18030, its superset, so rare characters in names survive too.
 */
final class RosterCharsets {

    /** Text and the name of the encoding it was found in. */
    record Decoded(String text, String encoding) {
    }

    static final Charset GBK_FAMILY = Charset.forName("GB18030");

    private RosterCharsets() {
    }

    static Decoded decode(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            return new Decoded(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8), "UTF-8 BOM");
        }
        if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE
                || (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF)) {
            throw new RosterFormatException("文件是UTF-16编码（Excel的“Unicode文本”），请另存为“CSV UTF-8”或.xlsx后再导入");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return new Decoded(text, "UTF-8");
        } catch (CharacterCodingException notUtf8) {
            return new Decoded(new String(bytes, GBK_FAMILY), "GBK");
        }
    }
}
