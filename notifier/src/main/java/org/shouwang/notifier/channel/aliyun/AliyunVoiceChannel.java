package org.shouwang.notifier.channel.aliyun;

import com.aliyun.dyvmsapi20170525.Client;
import com.aliyun.dyvmsapi20170525.models.IvrCallRequest;
import com.aliyun.dyvmsapi20170525.models.IvrCallRequest.IvrCallRequestMenuKeyMap;
import com.aliyun.dyvmsapi20170525.models.IvrCallResponseBody;
import com.aliyun.teautil.models.RuntimeOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.Json;
import org.shouwang.notifier.Channel;
import org.shouwang.notifier.ChannelException;
import org.shouwang.notifier.Delivery;
import org.shouwang.notifier.MessageType;
import org.shouwang.notifier.Page;
import org.shouwang.notifier.PageTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls to mainland China through Alibaba Cloud's IvrCall, the call that collects a key press: it says the
 * page's registered TTS template with the incident's facts, then waits for a key. A care contact hears
 * "press 1 to take this case, 2 to hear it again": key 1 plays the {@link MessageType#ACK_CONFIRMATION}
 * template, key 2 the page again. The elder's well-check maps key 1 to {@link MessageType#ELDER_WELL} and
 * key 2 to {@link MessageType#ELDER_HELP}. The key itself reaches the platform only with the call's receipt
 * (matched by {@code OutId}, the notification id): an answered call acknowledges nothing. Returns the
 * {@code CallId}. Blocking: worker threads only.
 */
public final class AliyunVoiceChannel implements Channel {

    private static final Logger LOG = LoggerFactory.getLogger(AliyunVoiceChannel.class);
    /** The key that takes the case (contacts) or says "I am well" (the elder). */
    public static final String KEY_TAKE = "1";
    /** The key that replays the message (contacts) or asks for help (the elder). */
    public static final String KEY_AGAIN = "2";

    private final Client client;
    private final AliyunConfig config;
    private final AliyunTemplates templates;
    private final RuntimeOptions runtime;

    /**
     * @throws IllegalArgumentException when a key's answer has no template: a call whose key plays nothing
     *                                  would leave the person unsure the case was taken
     */
    public AliyunVoiceChannel(AliyunConfig config, AliyunTemplates templates) {
        this.config = Objects.requireNonNull(config, "config");
        this.templates = Objects.requireNonNull(templates, "templates");
        if (config.callerNumber() == null) {
            throw new IllegalArgumentException("aliyun voice needs the caller number calls show (callerNumber)");
        }
        if (templates.voice(MessageType.ACK_CONFIRMATION).isEmpty()) {
            throw new IllegalArgumentException("aliyun voice needs a voice template for ACK_CONFIRMATION (key 1)");
        }
        if (templates.voice(MessageType.WELL_CHECK).isPresent() && (templates.voice(MessageType.ELDER_WELL).isEmpty()
                || templates.voice(MessageType.ELDER_HELP).isEmpty())) {
            throw new IllegalArgumentException("aliyun voice well-check calls need voice templates for ELDER_WELL and"
                    + " ELDER_HELP (keys 1 and 2)");
        }
        try {
            this.client = new Client(config.sdkConfig(config.voiceEndpoint()));
        } catch (Exception e) {
            throw new IllegalArgumentException("aliyun voice client cannot be built: " + e.getMessage(), e);
        }
        this.runtime = runtime(config);
    }

    @Override
    public Delivery send(Page page) throws ChannelException {
        if (page.channel() != NotificationChannel.VOICE) {
            throw new IllegalArgumentException("the voice channel cannot place a " + page.channel() + " page");
        }
        PageTemplate template = page.template();
        if (template == null) {
            throw new ChannelException(ChannelException.Kind.PERMANENT,
                    "aliyun voice needs a template, the page has none [code: no-template]", null, null, null);
        }
        TemplateLayout start = templates.voice(template.type()).orElseThrow(() -> new ChannelException(
                ChannelException.Kind.PERMANENT, "no aliyun voice template registered [type: " + template.type() + "]",
                null, null, null));
        String startParams = Json.write(start.fill(template));
        IvrCallRequest request = new IvrCallRequest()
                .setCalledNumber(MainlandNumbers.national(page.recipient()))
                .setCalledShowNumber(config.callerNumber())
                .setStartCode(start.code())
                .setStartTtsParams(startParams)
                .setMenuKeyMap(menu(template, start.code(), startParams))
                .setPlayTimes((long) config.playTimes())
                .setTimeout(Math.toIntExact(config.keyTimeout().toMillis()));
        if (page.notificationId() > 0) {
            // A receipt names the page by it; a call from memory during a database outage has none to name.
            request.setOutId(String.valueOf(page.notificationId()));
        }
        IvrCallResponseBody body;
        try {
            body = client.ivrCallWithOptions(request, runtime).getBody();
        } catch (Exception e) {
            throw AliyunErrors.classify("voice", e);
        }
        if (body == null || !"OK".equals(body.getCode())) {
            throw AliyunErrors.refused("voice", body == null ? null : body.getCode());
        }
        LOG.debug("call accepted by aliyun [incident: {}, notification: {}, callId: {}, template: {}]",
                page.incidentId(), page.notificationId(), body.getCallId(), start.code());
        return new Delivery(body.getCallId(), "accepted");
    }

    /** Whether a call of this type can be placed here (a voice template is registered for it). */
    public boolean places(MessageType type) {
        return type != null && templates.voice(type).isPresent();
    }

    private List<IvrCallRequestMenuKeyMap> menu(PageTemplate template, String startCode, String startParams) {
        if (template.type() == MessageType.OUTAGE_CRITICAL) {
            // No incident to take yet: key 1 would confirm what nothing records. Key 2 hears it again.
            return List.of(new IvrCallRequestMenuKeyMap().setKey(KEY_AGAIN).setCode(startCode).setTtsParams(startParams));
        }
        if (template.type() == MessageType.WELL_CHECK) {
            return List.of(answer(KEY_TAKE, MessageType.ELDER_WELL, template),
                    answer(KEY_AGAIN, MessageType.ELDER_HELP, template));
        }
        return List.of(answer(KEY_TAKE, MessageType.ACK_CONFIRMATION, template),
                new IvrCallRequestMenuKeyMap().setKey(KEY_AGAIN).setCode(startCode).setTtsParams(startParams));
    }

    /**
     * A key's answer: its template, filled from the page's facts where a site's answer has variables (the
     * default answers have none, e.g. 已确认由您接手，谢谢。…).
     */
    private IvrCallRequestMenuKeyMap answer(String key, MessageType type, PageTemplate page) {
        TemplateLayout layout = templates.voice(type).orElseThrow();
        Map<String, String> facts = new HashMap<>();
        page.facts().forEach((name, value) -> {
            if (type.samples().containsKey(name)) {
                facts.put(name, value);
            }
        });
        return new IvrCallRequestMenuKeyMap().setKey(key).setCode(layout.code())
                .setTtsParams(Json.write(layout.fill(PageTemplate.of(type, facts))));
    }

    /**
     * No retries inside the SDK: a retried call may ring the person twice, and the outbox decides retries
     * from the classified error.
     */
    static RuntimeOptions runtime(AliyunConfig config) {
        RuntimeOptions r = new RuntimeOptions();
        r.autoretry = false;
        r.maxAttempts = 1;
        int timeout = Math.toIntExact(config.requestTimeout().toMillis());
        r.readTimeout = timeout;
        r.connectTimeout = timeout;
        return r;
    }
}
