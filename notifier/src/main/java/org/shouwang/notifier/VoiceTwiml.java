package org.shouwang.notifier;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Say;

/**
 * The TwiML of calls, built with the SDK's TwiML classes (they escape the text and the URLs): a page
 * says its text twice inside {@code <Gather numDigits="1">} whose action names the outbox row, then says
 * goodbye if no key came; answers to a key press are a single {@code <Say>}. Mandarin ({@code zh-CN}).
 */
final class VoiceTwiml {

    /** Seconds Twilio waits for the key after the prompt ends. */
    static final int GATHER_TIMEOUT_SECONDS = 8;

    private VoiceTwiml() {
    }

    /** The call for a page: the prompt, the key press, and what to say when none came. */
    static String call(Page page, WebhookConfig webhooks) {
        Gather gather = new Gather.Builder()
                .numDigits(1)
                .timeout(GATHER_TIMEOUT_SECONDS)
                .action(webhooks.gatherUrl(page.notificationId()))
                .method(HttpMethod.POST)
                .say(say(page.body(), 2))
                .build();
        VoiceResponse response = new VoiceResponse.Builder()
                .gather(gather)
                .say(say(page.toElder() ? VoiceText.NO_KEY_ELDER : VoiceText.NO_KEY_CONTACT, 1))
                .build();
        return xml(response);
    }

    /** The answer to a key press (or anything else that just needs saying before hanging up). */
    static String say(String text) {
        return xml(new VoiceResponse.Builder().say(say(text, 1)).build());
    }

    private static Say say(String text, int loop) {
        Say.Builder b = new Say.Builder(text).language(Say.Language.ZH_CN);
        return (loop > 1 ? b.loop(loop) : b).build();
    }

    private static String xml(VoiceResponse response) {
        try {
            return response.toXml();
        } catch (TwiMLException e) {
            throw new IllegalStateException("TwiML could not be written", e);
        }
    }
}
