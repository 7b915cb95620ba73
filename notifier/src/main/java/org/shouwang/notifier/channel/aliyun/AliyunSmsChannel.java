package org.shouwang.notifier.channel.aliyun;

import com.aliyun.dysmsapi20170525.Client;
import com.aliyun.dysmsapi20170525.models.SendSmsRequest;
import com.aliyun.dysmsapi20170525.models.SendSmsResponseBody;
import com.aliyun.teautil.models.RuntimeOptions;
import java.util.Objects;
import org.shouwang.db.NotificationChannel;
import org.shouwang.model.Json;
import org.shouwang.notifier.Channel;
import org.shouwang.notifier.ChannelException;
import org.shouwang.notifier.Delivery;
import org.shouwang.notifier.MessageType;
import org.shouwang.notifier.Page;
import org.shouwang.notifier.PageTemplate;
import org.shouwang.notifier.TextMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS to mainland China through Alibaba Cloud's SendSms: the site's sign name, the registered template of the
 * page's {@link org.shouwang.notifier.MessageType} and its variables as JSON, the notification id as
 * {@code OutId} so delivery reports and replies can be matched to the page. Returns the {@code BizId}.
 * A page without a template, or of a type the site registered none for, is refused for good. Blocking: worker
 * threads only.
 */
public final class AliyunSmsChannel implements Channel, TextMessages {

    private static final Logger LOG = LoggerFactory.getLogger(AliyunSmsChannel.class);

    private final Client client;
    private final String signName;
    private final AliyunTemplates templates;
    private final RuntimeOptions runtime;

    public AliyunSmsChannel(AliyunConfig config, AliyunTemplates templates) {
        this.client = client(config);
        this.signName = config.signName();
        this.templates = Objects.requireNonNull(templates, "templates");
        this.runtime = AliyunVoiceChannel.runtime(config);
    }

    @Override
    public Delivery send(Page page) throws ChannelException {
        if (page.channel() != NotificationChannel.SMS) {
            throw new IllegalArgumentException("the SMS channel cannot send a " + page.channel() + " page");
        }
        if (page.template() == null) {
            throw new ChannelException(ChannelException.Kind.PERMANENT,
                    "aliyun sms needs a template, the page has none [code: no-template]", null, null, null);
        }
        TemplateLayout layout = templates.sms(page.template().type()).orElseThrow(() -> new ChannelException(
                ChannelException.Kind.PERMANENT, "no aliyun sms template registered [type: " + page.template().type()
                + "]", null, null, null));
        SendSmsRequest request = new SendSmsRequest()
                .setPhoneNumbers(MainlandNumbers.national(page.recipient()))
                .setSignName(signName)
                .setTemplateCode(layout.code())
                .setTemplateParam(Json.write(layout.fill(page.template())));
        if (page.notificationId() > 0) {
            // A receipt names the page by it; a text outside the outbox has none to name.
            request.setOutId(String.valueOf(page.notificationId()));
        }
        SendSmsResponseBody body;
        try {
            body = client.sendSmsWithOptions(request, runtime).getBody();
        } catch (Exception e) {
            throw AliyunErrors.classify("sms", e);
        }
        if (body == null || !"OK".equals(body.getCode())) {
            throw AliyunErrors.refused("sms", body == null ? null : body.getCode());
        }
        LOG.debug("sms accepted by aliyun [incident: {}, notification: {}, bizId: {}, template: {}]", page.incidentId(),
                page.notificationId(), body.getBizId(), layout.code());
        return new Delivery(body.getBizId(), "accepted");
    }

    /** Whether a text of this type can go out here (a template is registered for it). */
    public boolean sends(MessageType type) {
        return type != null && templates.sms(type).isPresent();
    }

    /** Free text cannot go through Alibaba Cloud: every SMS there is a registered template. */
    @Override
    public Delivery send(String recipient, String body) throws ChannelException {
        return send(recipient, body, null);
    }

    /** A text that is not an incident's page (a care reminder, an answer to a reply), by its template. */
    @Override
    public Delivery send(String recipient, String body, PageTemplate template) throws ChannelException {
        return send(new Page(0, 0, null, null, NotificationChannel.SMS, recipient, body, template));
    }

    private static Client client(AliyunConfig config) {
        try {
            return new Client(config.sdkConfig(config.smsEndpoint()));
        } catch (Exception e) {
            throw new IllegalArgumentException("aliyun sms client cannot be built: " + e.getMessage(), e);
        }
    }
}
