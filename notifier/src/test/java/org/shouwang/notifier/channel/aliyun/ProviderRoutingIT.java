package org.shouwang.notifier.channel.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shouwang.db.NotificationChannel;
import org.shouwang.notifier.Channel;
import org.shouwang.notifier.ChannelException;
import org.shouwang.notifier.Delivery;
import org.shouwang.notifier.ProviderRouting;
import org.shouwang.notifier.ProviderRouting.Mode;
import org.shouwang.notifier.TwilioConfig;
import org.shouwang.notifier.TwilioSmsChannel;
import org.shouwang.notifier.TwilioVoiceChannel;
import org.shouwang.notifier.WebhookConfig;
import org.shouwang.standin.RecordingAliyunServer;
import org.shouwang.standin.RecordingAliyunServer.Failure;
import org.shouwang.standin.RecordingTwilioServer;

/**
 * Paging through two providers (issue 13): the real Twilio and Alibaba Cloud SDKs against their recording stand-ins.
 * A mainland number goes through Alibaba Cloud, a foreign one through Twilio; an Alibaba outage fails an SMS over to
 * Twilio, never a call (Twilio places none to mainland China) and never a page that may have been sent.
 */
class ProviderRoutingIT {

    private static final WebhookConfig HOOKS = new WebhookConfig("127.0.0.1", 0, "https://shouwang.example.org");
    private static RecordingAliyunServer aliyun;
    private static RecordingTwilioServer twilio;
    private static Channel sms;
    private static Channel voice;
    private static Channel forcedTwilio;

    @BeforeAll
    static void start() {
        aliyun = RecordingAliyunServer.start(0);
        twilio = RecordingTwilioServer.start(0);
        AliyunConfig a = AliyunConfig.of("LTAI-test-key", "test-secret", "守望", "057112345678")
                .withEndpoints(aliyun.baseUrl());
        AliyunTemplates templates = AliyunTemplates.parse(AliyunSmsChannelIT.TEMPLATES);
        TwilioConfig t = TwilioConfig.of("AC" + "0123456789abcdef".repeat(2), "test-token", "+12025550123")
                .withApiBaseUrl(twilio.baseUrl());
        sms = new ProviderRouting(NotificationChannel.SMS, new AliyunSmsChannel(a, templates),
                new TwilioSmsChannel(t, HOOKS), Mode.BY_NUMBER);
        voice = new ProviderRouting(NotificationChannel.VOICE, new AliyunVoiceChannel(a, templates),
                new TwilioVoiceChannel(t, HOOKS), Mode.BY_NUMBER);
        forcedTwilio = new ProviderRouting(NotificationChannel.SMS, new AliyunSmsChannel(a, templates),
                new TwilioSmsChannel(t, HOOKS), Mode.INTERNATIONAL);
    }

    @AfterAll
    static void stop() {
        aliyun.close();
        twilio.close();
    }

    @BeforeEach
    void clear() {
        aliyun.clear();
        twilio.clear();
    }

    @Test
    void aMainlandNumberGoesThroughAlibabaAndAForeignOneThroughTwilio() throws Exception {
        Delivery mainland = sms.send(AliyunSmsChannelIT.page("+8613800000011", NotificationChannel.SMS,
                AliyunSmsChannelIT.BUTTON));
        Delivery bare = voice.send(AliyunSmsChannelIT.page("13800000012", NotificationChannel.VOICE,
                AliyunSmsChannelIT.BUTTON));
        Delivery abroad = sms.send(AliyunSmsChannelIT.page("+14155550100", NotificationChannel.SMS,
                AliyunSmsChannelIT.BUTTON));

        assertThat(mainland.provider()).isEqualTo(ProviderRouting.DOMESTIC_NAME);
        assertThat(bare.provider()).isEqualTo(ProviderRouting.DOMESTIC_NAME);
        assertThat(abroad.provider()).isEqualTo(ProviderRouting.INTERNATIONAL_NAME);
        assertThat(aliyun.messages()).hasSize(1);
        assertThat(aliyun.calls()).hasSize(1);
        assertThat(twilio.requests()).hasSize(1);
    }

    @Test
    void anAlibabaOutageFailsAnSmsOverToTwilioButNotACall() throws Exception {
        aliyun.failNext(Failure.SERVER_ERROR, 2);

        Delivery over = sms.send(AliyunSmsChannelIT.page("+8613800000013", NotificationChannel.SMS,
                AliyunSmsChannelIT.BUTTON));
        ChannelException call = catchThrowableOfType(() -> voice.send(AliyunSmsChannelIT.page("+8613800000014",
                NotificationChannel.VOICE, AliyunSmsChannelIT.BUTTON)), ChannelException.class);

        assertThat(over.provider()).isEqualTo("Twilio（阿里云失败后切换）");
        assertThat(twilio.requests()).singleElement();
        assertThat(call.kind()).isEqualTo(ChannelException.Kind.RETRIABLE);
        assertThat(twilio.requests()).as("no call through Twilio to mainland China").hasSize(1);
    }

    @Test
    void aPageWithNoRegisteredTemplateGoesAsTwilioSmsRatherThanNotAtAll() throws Exception {
        AliyunConfig a = AliyunConfig.of("LTAI-test-key", "test-secret", "守望", "057112345678")
                .withEndpoints(aliyun.baseUrl());
        AliyunTemplates templates = AliyunTemplates.parse(AliyunSmsChannelIT.TEMPLATES);
        TwilioConfig t = TwilioConfig.of("AC" + "0123456789abcdef".repeat(2), "test-token", "+12025550123")
                .withApiBaseUrl(twilio.baseUrl());
        AliyunSmsChannel domesticSms = new AliyunSmsChannel(a, templates);
        AliyunVoiceChannel domesticVoice = new AliyunVoiceChannel(a, templates);
        Channel checkedSms = new ProviderRouting(NotificationChannel.SMS, domesticSms, new TwilioSmsChannel(t, HOOKS),
                Mode.BY_NUMBER, p -> p.template() != null && domesticSms.sends(p.template().type()));
        Channel checkedVoice = new ProviderRouting(NotificationChannel.VOICE, domesticVoice,
                new TwilioVoiceChannel(t, HOOKS), Mode.BY_NUMBER,
                p -> p.template() != null && domesticVoice.places(p.template().type()));
        // The site registered no HIGH template: its SMS still reaches the mainland number, one way, through Twilio.
        org.shouwang.notifier.PageTemplate high = org.shouwang.notifier.PageTemplate.of(
                org.shouwang.notifier.MessageType.HIGH, AliyunSmsChannelIT.BUTTON.facts());

        Delivery viaTwilio = checkedSms.send(AliyunSmsChannelIT.page("+8613800000021", NotificationChannel.SMS, high));
        Delivery registered = checkedSms.send(AliyunSmsChannelIT.page("+8613800000022", NotificationChannel.SMS,
                AliyunSmsChannelIT.BUTTON));
        ChannelException call = catchThrowableOfType(() -> checkedVoice.send(AliyunSmsChannelIT.page("+8613800000023",
                NotificationChannel.VOICE, high)), ChannelException.class);

        assertThat(viaTwilio.provider()).isEqualTo("Twilio（阿里云未登记此类模板）");
        assertThat(twilio.messages()).singleElement().satisfies(m -> assertThat(m.to()).isEqualTo("+8613800000021"));
        assertThat(registered.provider()).isEqualTo(ProviderRouting.DOMESTIC_NAME);
        assertThat(call.isPermanent()).as("Twilio places no call to mainland China: the refusal stands").isTrue();
        assertThat(twilio.calls()).isEmpty();
    }

    @Test
    void aPermanentRefusalOrForcedProviderDoesNotFailOver() throws Exception {
        aliyun.failNext(Failure.INVALID_NUMBER, 1);

        ChannelException refused = catchThrowableOfType(() -> sms.send(AliyunSmsChannelIT.page("+8613800000015",
                NotificationChannel.SMS, AliyunSmsChannelIT.BUTTON)), ChannelException.class);
        Delivery forced = forcedTwilio.send(AliyunSmsChannelIT.page("+8613800000016", NotificationChannel.SMS,
                AliyunSmsChannelIT.BUTTON));

        assertThat(refused.kind()).isEqualTo(ChannelException.Kind.PERMANENT);
        assertThat(forced.provider()).isEqualTo(ProviderRouting.INTERNATIONAL_NAME);
        assertThat(twilio.requests()).hasSize(1);
        assertThat(aliyun.messages()).isEmpty();
    }
}
