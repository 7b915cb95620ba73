package org.shouwang.notifier;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.messaging.Message;

/** The TwiML answer to an inbound SMS, built with the SDK's TwiML classes. */
final class Sms {

    private Sms() {
    }

    /** An answer that sends nothing back. */
    static String empty() {
        try {
            return new MessagingResponse.Builder().build().toXml();
        } catch (TwiMLException e) {
            throw new IllegalStateException("TwiML could not be written", e);
        }
    }

    static String reply(String text) {
        try {
            return new MessagingResponse.Builder().message(new Message.Builder(text).build()).build().toXml();
        } catch (TwiMLException e) {
            throw new IllegalStateException("TwiML could not be written", e);
        }
    }
}
