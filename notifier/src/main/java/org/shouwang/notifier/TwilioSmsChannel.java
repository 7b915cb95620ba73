package org.shouwang.notifier;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SMS pages with the Twilio SDK ({@code POST …/Messages.json}). Blocking: worker threads only.
 * Note that Twilio SMS to mainland China is one-way, so replies need a domestic provider later.
 */
public final class TwilioSmsChannel implements Channel {

    private static final Logger LOG = LoggerFactory.getLogger(TwilioSmsChannel.class);

    private final TwilioRestClient client;
    private final PhoneNumber from;

    public TwilioSmsChannel(TwilioConfig config) {
        this(TwilioTransport.restClient(config), config.fromNumber());
    }

    public TwilioSmsChannel(TwilioRestClient client, String fromNumber) {
        this.client = client;
        this.from = new PhoneNumber(fromNumber);
    }

    @Override
    public Delivery send(Page page) throws ChannelException {
        if (page.channel() != NotificationChannel.SMS) {
            throw new IllegalArgumentException("the SMS channel cannot send a " + page.channel() + " page");
        }
        Message message;
        try {
            message = Message.creator(new PhoneNumber(PhoneNumbers.toE164(page.recipient())), from, page.body()).create(client);
        } catch (RuntimeException e) {
            // The SDK's TwilioExceptions, and anything else it throws (an answer it cannot parse), are
            // classified rather than let loose on the worker.
            throw TwilioErrors.classify(e);
        }
        LOG.debug("sms accepted by twilio [incident: {}, sid: {}, status: {}]", page.incidentId(), message.getSid(),
                message.getStatus());
        return new Delivery(message.getSid(), String.valueOf(message.getStatus()));
    }
}
