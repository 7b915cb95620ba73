package org.shouwang.notifier;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shouwang.db.Notification;
import org.shouwang.db.NotificationChannel;
import org.shouwang.db.Transition;
import org.shouwang.model.CareContact;
import org.shouwang.model.Incident;
import org.shouwang.model.IncidentState;
import org.shouwang.model.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What people answer by phone, and what Twilio reports, turned into incident changes: a key press in a
 * call (1 takes the case; from the elder, 1 means "I am well" and resolves it, 2 asks for help), an SMS
 * reply ("1" or the incident code; "到", optionally with the code, records arrival at the door), and delivery
 * reports. An SMS that is none of these goes to the registered {@link SmsReplyHandler}s (care reminders)
 * before it is answered as not understood. Only ever given requests whose signature
 * {@link TwilioWebhookVerticle} checked. Blocking: worker threads only.
 */
public final class TwilioReplies {

    /** The outcome of an incident the elder closed by confirming they are well. */
    public static final String ELDER_CONFIRMED_WELL = "老人确认安好";
    static final String ELDER_ACTOR = "老人本人";

    private static final Pattern CODE = Pattern.compile("SW\\d{5,}");
    /** "到", "到达", "到了", with or without the incident code after it ("到 SW00012"). */
    private static final Pattern ARRIVED = Pattern.compile("到(?:达|了)?[\\s,，:：]*(SW\\d{5,})?[。.!！]?");
    /** How many recent pages to one number an arrival looks through for one of a care contact. */
    private static final int ARRIVAL_LOOKBACK = 20;
    private static final Logger LOG = LoggerFactory.getLogger(TwilioReplies.class);

    private final IncidentService service;
    private final IncidentCommands commands;
    private final NotifierStores stores;
    private final Timeline timeline;
    private final List<SmsReplyHandler> handlers;

    public TwilioReplies(IncidentService service, IncidentCommands commands) {
        this(service, commands, List.of());
    }

    /** @param handlers asked in order about an SMS that is no reply to an incident's page */
    public TwilioReplies(IncidentService service, IncidentCommands commands, List<SmsReplyHandler> handlers) {
        this.service = service;
        this.commands = commands;
        this.stores = service.stores();
        this.timeline = service.timeline();
        this.handlers = List.copyOf(handlers);
    }

    /** A key pressed in the call for page {@code notificationId}; returns the TwiML to say back. */
    public String gather(long notificationId, String callSid, String digits) {
        Optional<Notification> page = stores.outbox().find(notificationId)
                .filter(n -> n.channel() == NotificationChannel.VOICE)
                .filter(n -> callSid == null || n.providerSid() == null || n.providerSid().equals(callSid));
        if (page.isEmpty()) {
            LOG.warn("key press for an unknown call [notification: {}]", notificationId);
            return VoiceTwiml.say(VoiceText.UNKNOWN_KEY);
        }
        Reply r = answer(page.get(), digits == null ? "" : digits.strip(), "voice");
        return VoiceTwiml.say(switch (r) {
            case TAKEN -> VoiceText.TAKEN_BY_YOU;
            case TAKEN_ALREADY -> VoiceText.TAKEN_ALREADY;
            case WELL -> VoiceText.ELDER_WELL;
            case HELP -> VoiceText.ELDER_HELP;
            case UNKNOWN -> VoiceText.UNKNOWN_KEY;
        });
    }

    /**
     * A key pressed in a call placed by any provider (a domestic IVR call reports it afterwards): acts as
     * {@link #gather} does. Only a call the platform placed counts: the page must carry exactly that provider id.
     * False when it matches none (forged or unknown), and nothing changed.
     */
    public boolean keyPressed(long notificationId, String providerSid, String digits) {
        Optional<Notification> page = stores.outbox().find(notificationId)
                .filter(n -> n.channel() == NotificationChannel.VOICE)
                .filter(n -> providerSid != null && providerSid.equals(n.providerSid()));
        if (page.isEmpty()) {
            LOG.warn("key press for an unknown call [notification: {}]", notificationId);
            return false;
        }
        String key = digits == null ? "" : digits.strip();
        Reply r = answer(page.get(), key.isEmpty() ? "" : key.substring(0, 1), "voice");
        LOG.info("key press reported [notification: {}, reply: {}]", notificationId, r);
        return true;
    }

    /**
     * As {@link #smsInbound}, for a provider that reports replies by push and sends answers itself: the text to
     * answer with, or empty for a message seen before ({@code messageId}, the provider's own, claimed once).
     */
    public Optional<Answer> smsReplyText(String messageId, String from, String body) {
        if (messageId == null || messageId.isBlank()) {
            throw new IllegalArgumentException("inbound sms without a message id");
        }
        if (!stores.inboundSms().claim(messageId, service.clock().instant())) {
            LOG.warn("inbound sms seen before, ignored [sid: {}]", messageId);
            return Optional.empty();
        }
        return Optional.of(replyText(from, body, messageId));
    }

    /**
     * The answer to an SMS reply: its text, and the same as a template type and facts when one is registered
     * for it (the confirmation "已确认由您接手…", the elder's "已收到您平安的回复…"), for a provider that sends only
     * templates; null for answers only ever sent as free text.
     */
    public record Answer(String text, PageTemplate template) {

        static Answer free(String text) {
            return new Answer(text, null);
        }
    }

    /**
     * An SMS to the Twilio number, handled once per {@code messageSid}: "1" answers the latest page to that
     * number of an open incident, an incident code answers that incident's page to that number. Returns
     * the TwiML reply; a message seen before (a replay) changes nothing and gets an empty answer, so no
     * text goes back either.
     *
     * @throws IllegalArgumentException without a message id: Twilio always sends one, and without it a
     *                                  replay could not be told from a new reply
     */
    public String smsInbound(String messageSid, String from, String body) {
        if (messageSid == null || messageSid.isBlank()) {
            throw new IllegalArgumentException("inbound sms without a MessageSid");
        }
        if (!stores.inboundSms().claim(messageSid, service.clock().instant())) {
            LOG.warn("inbound sms seen before, ignored [sid: {}]", messageSid);
            return Sms.empty();
        }
        // The claim stays even when handling fails part-way: Twilio's retry of a reply that already took one case
        // must not take a newer one. A reply lost this way leaves the escalation paging, the safe side.
        return Sms.reply(replyText(from, body, messageSid).text());
    }

    /**
     * A responder at the door: the incident named by {@code code}, or else the latest unresolved incident this
     * number was paged for as a care contact, gets an arrival (which also takes it, if nobody had).
     */
    private String arrival(String e164, String code) {
        Optional<Notification> page;
        if (code != null) {
            page = stores.incidents().findByCode(code)
                    .flatMap(i -> stores.outbox().sentTo(i.id(), e164).stream().filter(TwilioReplies::toResponder)
                            .findFirst());
        } else {
            page = stores.outbox().sentToUnresolvedIncidents(e164, ARRIVAL_LOOKBACK).stream()
                    .filter(TwilioReplies::toResponder).findFirst();
        }
        if (page.isEmpty()) {
            LOG.info("arrival by sms matches no page [with code: {}]", code != null);
            return SmsText.arrivalUnmatched();
        }
        Incident incident = stores.incidents().find(page.get().incidentId()).orElseThrow();
        List<CareContact> team = stores.registry().contacts(incident.elderId());
        Transition t = commands.arrive(incident.id(), Who.of(page.get(), Who.byId(team)), "sms");
        LOG.info("arrival by sms [incident: {}, notification: {}, result: {}]", incident.id(), page.get().id(),
                t.result());
        return t.result() == Transition.Result.DONE ? SmsText.arrived(incident.code())
                : SmsText.arrivalClosed(incident.code());
    }

    /** A page to a care contact about their incident: not a digest, not the elder's own well-check. */
    private static boolean toResponder(Notification n) {
        return !DigestScheduler.isDigest(n) && !n.toElder();
    }

    private Answer replyText(String from, String body, String messageSid) {
        String e164 = PhoneNumbers.toE164(from == null ? "" : from);
        String text = body == null ? "" : body.strip().toUpperCase(java.util.Locale.ROOT);
        Matcher arrived = ARRIVED.matcher(text);
        if (arrived.matches()) {
            return Answer.free(arrival(e164, arrived.group(1)));
        }
        Matcher code = CODE.matcher(text);
        Optional<Notification> page;
        String key = text;
        if (code.find()) {
            page = stores.incidents().findByCode(code.group())
                    .flatMap(i -> stores.outbox().sentTo(i.id(), e164).stream()
                            .filter(n -> !DigestScheduler.isDigest(n)).findFirst());
            key = "1";
        } else if ("1".equals(text) || "2".equals(text)) {
            // A reply to the maintenance digest takes no incident.
            page = stores.outbox().latestSentToOpenIncident(e164).filter(n -> !DigestScheduler.isDigest(n));
        } else {
            page = Optional.empty();
        }
        if (page.isEmpty()) {
            for (SmsReplyHandler h : handlers) {
                Optional<String> answer = h.reply(e164, body == null ? "" : body.strip(), messageSid);
                if (answer.isPresent()) {
                    return Answer.free(answer.get());
                }
            }
            LOG.info("sms reply matches no page [message with {} characters]", text.length());
            return Answer.free(SmsText.notUnderstood());
        }
        String incidentCode = stores.incidents().find(page.get().incidentId()).map(Incident::code).orElse("");
        return switch (answer(page.get(), key, "sms")) {
            case TAKEN -> new Answer(SmsText.takenByYou(incidentCode), PageTemplate.of(MessageType.ACK_CONFIRMATION,
                    Map.of(MessageType.PageFacts.CODE, incidentCode)));
            case TAKEN_ALREADY -> Answer.free(SmsText.takenAlready(incidentCode));
            case WELL -> new Answer(SmsText.elderWell(), PageTemplate.of(MessageType.ELDER_WELL, Map.of()));
            case HELP -> new Answer(SmsText.elderHelp(), PageTemplate.of(MessageType.ELDER_HELP, Map.of()));
            case UNKNOWN -> Answer.free(SmsText.notUnderstood());
        };
    }

    /** Twilio's report on a page's delivery (MessageStatus or CallStatus), recorded on the row and the timeline. */
    public void status(long notificationId, NotificationChannel channel, String providerSid, String reported) {
        String status = DeliveryStatus.normalise(reported, channel);
        if (status == null) {
            LOG.debug("delivery report ignored [notification: {}, status: {}]", notificationId, reported);
            return;
        }
        Optional<Notification> updated = stores.outbox().recordDelivery(notificationId, providerSid, status,
                service.clock().instant(), DeliveryStatus::mayReplace)
                .filter(n -> n.channel() == channel);
        if (updated.isEmpty()) {
            return;
        }
        Notification n = updated.get();
        String who = stores.incidents().find(n.incidentId())
                .map(i -> Who.of(n, Who.byId(stores.registry().contacts(i.elderId())))).orElse(Who.UNKNOWN);
        timeline.note(n.incidentId(), Timeline.PAGE_STATUS, Timeline.channel(channel)
                + DeliveryStatus.label(channel, status) + "：" + who);
        LOG.info("delivery reported [incident: {}, notification: {}, status: {}]", n.incidentId(), n.id(), status);
        if (DigestScheduler.isDigest(n)) {
            // The digest's delivery says nothing about whether its incident's people were reached.
            return;
        }
        if (DeliveryStatus.failed(status)) {
            service.escalator().pageFailed(n.id());
            service.tick();
        } else if (DeliveryStatus.reached(status)) {
            service.escalator().pageReached(n.incidentId());
        }
    }

    private enum Reply { TAKEN, TAKEN_ALREADY, WELL, HELP, UNKNOWN }

    private Reply answer(Notification page, String key, String via) {
        Incident incident = stores.incidents().find(page.incidentId()).orElseThrow();
        if (page.toElder()) {
            return elderAnswer(page, incident, key, via);
        }
        if (!"1".equals(key)) {
            return Reply.UNKNOWN;
        }
        String who = Who.of(page, Who.byId(stores.registry().contacts(incident.elderId())));
        Transition t = commands.acknowledgeByPage(incident.id(), who, via, page.id());
        LOG.info("incident acknowledged by phone [incident: {}, notification: {}, via: {}, result: {}]",
                incident.id(), page.id(), via, t.result());
        return t.result() == Transition.Result.DONE ? Reply.TAKEN : Reply.TAKEN_ALREADY;
    }

    private Reply elderAnswer(Notification page, Incident incident, String key, String via) {
        if ("1".equals(key)) {
            if (incident.state() != IncidentState.RESOLVED) {
                timeline.note(incident.id(), Timeline.ELDER_CONFIRMED_WELL, ELDER_ACTOR + "通过" + ("voice".equals(via)
                        ? "电话按键" : "短信回复") + "确认平安");
                commands.resolve(incident.id(), ELDER_ACTOR, ELDER_CONFIRMED_WELL);
                LOG.info("elder confirmed well, incident resolved [incident: {}, notification: {}]", incident.id(),
                        page.id());
            }
            return Reply.WELL;
        }
        if ("2".equals(key)) {
            timeline.note(incident.id(), Timeline.ELDER_ASKED_HELP, ELDER_ACTOR + "请求帮助：立即通知照护人员");
            LOG.warn("elder asked for help [incident: {}, notification: {}]", incident.id(), page.id());
            if (incident.state() == IncidentState.OPEN && page.step() != null) {
                service.escalator().bringForward(incident.id(), page.step(), "老人请求帮助，立即进入下一步");
                service.tick();
            }
            return Reply.HELP;
        }
        return Reply.UNKNOWN;
    }
}
