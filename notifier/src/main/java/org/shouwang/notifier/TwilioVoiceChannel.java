package org.shouwang.notifier;

import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import java.util.List;
import java.util.Objects;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places voice pages with the Twilio SDK ({@code POST …/Calls.json} with inline TwiML): the call says
 * the page in Mandarin and gathers one key, which Twilio posts to the gather webhook; the call's progress
 * goes to the status webhook. Blocking: worker threads only. Twilio no longer places calls to mainland
 * China: sites there put a domestic voice provider behind {@link Channel}.
 */
public final class TwilioVoiceChannel implements Channel {

    /** Seconds a call rings before Twilio reports no-answer. */
    static final int RING_SECONDS = 30;
    /** Call progress events Twilio reports (each arrives as a CallStatus). */
    static final List<String> STATUS_EVENTS = List.of("initiated", "ringing", "answered", "completed");

    private static final Logger LOG = LoggerFactory.getLogger(TwilioVoiceChannel.class);

    private final TwilioRestClient client;
    private final PhoneNumber from;
    private final WebhookConfig webhooks;

    public TwilioVoiceChannel(TwilioConfig config, WebhookConfig webhooks) {
        this(TwilioTransport.restClient(config), config.fromNumber(), webhooks);
    }

    /** @param webhooks required: without it nobody could acknowledge by key press */
    public TwilioVoiceChannel(TwilioRestClient client, String fromNumber, WebhookConfig webhooks) {
        this.client = client;
        this.from = new PhoneNumber(fromNumber);
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    }

    @Override
    public Delivery send(Page page) throws ChannelException {
        if (page.channel() != NotificationChannel.VOICE) {
            throw new IllegalArgumentException("the voice channel cannot send a " + page.channel() + " page");
        }
        Call call;
        try {
            call = Call.creator(new PhoneNumber(PhoneNumbers.toE164(page.recipient())), from,
                            new Twiml(VoiceTwiml.call(page, webhooks)))
                    .setStatusCallback(webhooks.voiceStatusUrl(page.notificationId()))
                    .setStatusCallbackEvent(STATUS_EVENTS)
                    .setStatusCallbackMethod(HttpMethod.POST)
                    .setTimeout(RING_SECONDS)
                    .create(client);
        } catch (RuntimeException e) {
            throw TwilioErrors.classify(e);
        }
        LOG.debug("call accepted by twilio [incident: {}, notification: {}, sid: {}, status: {}]", page.incidentId(),
                page.notificationId(), call.getSid(), call.getStatus());
        return new Delivery(call.getSid(), String.valueOf(call.getStatus()));
    }
}
