package org.shouwang.notifier.channel.aliyun;

import org.shouwang.model.PhoneNumbers;
import org.shouwang.notifier.ChannelException;

/** Alibaba Cloud's domestic services take mainland numbers without the country code: {@code 13812345678}. */
final class MainlandNumbers {

    private MainlandNumbers() {
    }

    /** The national number, or a permanent refusal for a number outside mainland China. */
    static String national(String recipient) throws ChannelException {
        String e164 = PhoneNumbers.toE164(recipient);
        if (e164 == null || !e164.matches("\\+86[0-9]{5,13}")) {
            throw new ChannelException(ChannelException.Kind.PERMANENT,
                    "aliyun reaches mainland China numbers only [code: not-mainland]", null, null, null);
        }
        return e164.substring(3);
    }
}
