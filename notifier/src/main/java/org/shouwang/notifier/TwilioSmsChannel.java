package org.shouwang.notifier;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SMS pages with the Twilio SDK ({@code POST …/Messages.json}), asking Twilio to report delivery to
 * the status webhook when one is configured; and plain texts ({@link TextMessages}: care reminders, digests)
 * with the same client and number, without a status callback, since no notification row stands behind them.
 * Blocking: worker threads only. Twilio SMS to mainland China
 * is one-way, so replies from there need a domestic provider behind {@link Channel}.
 */
public final class TwilioSmsChannel implements Channel, TextMessages {

    private static final Logger LOG = LoggerFactory.getLogger(TwilioSmsChannel.class);

    private final TwilioRestClient client;
    private final PhoneNumber from;
    private final WebhookConfig webhooks;

    /** Without delivery reports (no webhook listener). */
    public TwilioSmsChannel(TwilioConfig config) {
        this(TwilioTransport.restClient(config), config.fromNumber(), null);
    }

    /** With delivery reports to {@link WebhookConfig#smsStatusUrl(long)}. */
    public TwilioSmsChannel(TwilioConfig config, WebhookConfig webhooks) {
        this(TwilioTransport.restClient(config), config.fromNumber(), webhooks);
    }

    public TwilioSmsChannel(TwilioRestClient client, String fromNumber) {
        this(client, fromNumber, null);
    }

    public TwilioSmsChannel(TwilioRestClient client, String fromNumber, WebhookConfig webhooks) {
        this.client = client;
        this.from = new PhoneNumber(fromNumber);
        this.webhooks = webhooks;
    }

    @Override
    public Delivery send(Page page) throws ChannelException {
        if (page.channel() != NotificationChannel.SMS) {
            throw new IllegalArgumentException("the SMS channel cannot send a " + page.channel() + " page");
        }
        Message message;
        try {
            MessageCreator creator = Message.creator(new PhoneNumber(PhoneNumbers.toE164(page.recipient())), from,
                    page.body());
            if (webhooks != null) {
                creator.setStatusCallback(webhooks.smsStatusUrl(page.notificationId()));
            }
            message = creator.create(client);
        } catch (RuntimeException e) {
            // The SDK's TwilioExceptions, and anything else it throws (an answer it cannot parse), are
            // classified rather than let loose on the worker.
            throw TwilioErrors.classify(e);
        }
        LOG.debug("sms accepted by twilio [incident: {}, notification: {}, sid: {}, status: {}]", page.incidentId(),
                page.notificationId(), message.getSid(), message.getStatus());
        return new Delivery(message.getSid(), String.valueOf(message.getStatus()));
    }

    /** A plain text (not a page): no status callback, which would name a notification that does not exist. */
    @Override
    public Delivery send(String recipient, String body) throws ChannelException {
        if (recipient == null || recipient.isBlank()) {
            throw new IllegalArgumentException("a text needs a recipient");
        }
        Message message;
        try {
            message = Message.creator(new PhoneNumber(PhoneNumbers.toE164(recipient)), from, body).create(client);
        } catch (RuntimeException e) {
            throw TwilioErrors.classify(e);
        }
        LOG.debug("text accepted by twilio [sid: {}, status: {}]", message.getSid(), message.getStatus());
        return new Delivery(message.getSid(), String.valueOf(message.getStatus()));
    }
}
