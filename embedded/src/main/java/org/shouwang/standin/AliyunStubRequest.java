package org.shouwang.standin;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request the Alibaba Cloud stand-in received: the RPC action and every parameter the SDK sent (query and
 * form body merged), with what it answered.
 *
 * @param params     the request's parameters by Alibaba's names ({@code PhoneNumbers}, {@code TemplateParam},
 *                   {@code MenuKeyMap.1.Key} …), signature parameters included
 * @param answerCode the {@code Code} answered ({@code OK}, {@code isv.BUSINESS_LIMIT_CONTROL} …)
 * @param providerId the {@code BizId} or {@code CallId} answered, {@code null} when refused
 */
public record AliyunStubRequest(String action, Map<String, String> params, int status, String answerCode,
                                String providerId, Instant receivedAt) {

    public AliyunStubRequest {
        params = Map.copyOf(new TreeMap<>(params));
    }

    public boolean isSms() {
        return "SendSms".equals(action);
    }

    public boolean isCall() {
        return "IvrCall".equals(action);
    }

    public boolean accepted() {
        return status == 200 && "OK".equals(answerCode);
    }

    public String param(String name) {
        return params.get(name);
    }

    /** The number paged: {@code PhoneNumbers} of an SMS, {@code CalledNumber} of a call. */
    public String phone() {
        return isSms() ? param("PhoneNumbers") : param("CalledNumber");
    }

    /** The template: {@code TemplateCode} of an SMS, {@code StartCode} of a call. */
    public String templateCode() {
        return isSms() ? param("TemplateCode") : param("StartCode");
    }

    /** The variables as JSON: {@code TemplateParam} of an SMS, {@code StartTtsParams} of a call. */
    public String templateParams() {
        return isSms() ? param("TemplateParam") : param("StartTtsParams");
    }

    public String outId() {
        return param("OutId");
    }

    /** An IVR call's key map, key to its template code ({@code MenuKeyMap.n.Key} → {@code MenuKeyMap.n.Code}). */
    public Map<String, String> menu() {
        Map<String, String> menu = new TreeMap<>();
        for (int i = 1; params.containsKey("MenuKeyMap." + i + ".Key"); i++) {
            menu.put(params.get("MenuKeyMap." + i + ".Key"), params.get("MenuKeyMap." + i + ".Code"));
        }
        return menu;
    }

    /** Leaves the parameters out: they hold a phone number and an elder's name and address. */
    @Override
    public String toString() {
        return "AliyunStubRequest[action=" + action + ", status=" + status + ", code=" + answerCode + ", id=" + providerId
                + "]";
    }
}
