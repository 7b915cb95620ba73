package org.shouwang.console;

import org.shouwang.db.AuditEntry;
import org.shouwang.db.AuditStore;

/**
 * Writes the audit log from the API: who (the signed-in person) did what to which record. Called inside the
 * request's blocking work, before the answer is sent, so nothing is shown or changed without its line.
 * Details never carry an ID number, phone or address.
 */
final class Audit {

    static final String VIEW_ELDER = "VIEW_ELDER";
    static final String VIEW_INCIDENT = "VIEW_INCIDENT";
    /** The elder's learned routine (用水习惯) was shown. */
    static final String VIEW_ROUTINE = "VIEW_ROUTINE";
    static final String REVEAL = "REVEAL";
    static final String ACKNOWLEDGE = "ACKNOWLEDGE";
    static final String RESOLVE = "RESOLVE";
    static final String ADD_NOTE = "ADD_NOTE";
    static final String CREATE_ELDER = "CREATE_ELDER";
    static final String UPDATE_ELDER = "UPDATE_ELDER";
    static final String DEACTIVATE_ELDER = "DEACTIVATE_ELDER";
    static final String ADD_CONTACT = "ADD_CONTACT";
    static final String UPDATE_CONTACT = "UPDATE_CONTACT";
    static final String RETIRE_CONTACT = "RETIRE_CONTACT";
    static final String ADD_DEVICE = "ADD_DEVICE";
    static final String SET_DEVICE_ACTIVE = "SET_DEVICE_ACTIVE";
    static final String BIND_CARRIER = "BIND_CARRIER";
    static final String ROSTER_IMPORT = "ROSTER_IMPORT";
    static final String ROSTER_EXPORT = "ROSTER_EXPORT";
    static final String LOGIN = "LOGIN";
    static final String LOGIN_FAILED = "LOGIN_FAILED";
    static final String LOGIN_LOCKED = "LOGIN_LOCKED";
    static final String LOGOUT = "LOGOUT";
    static final String PASSWORD_CHANGED = "PASSWORD_CHANGED";
    static final String CREATE_ACCOUNT = "CREATE_ACCOUNT";
    static final String SET_ACCOUNT_ACTIVE = "SET_ACCOUNT_ACTIVE";
    static final String ARRIVE = "ARRIVE";
    /** Care records themselves are audited as {@code CARE_RECORD} by {@code CareRecords}, whoever writes them. */
    static final String CARE_RECORD_EXPORT = "CARE_RECORD_EXPORT";
    static final String COMPLIANCE_REPORT = "COMPLIANCE_REPORT";
    static final String AGREEMENT_CHANGE = "AGREEMENT_CHANGE";
    static final String AGREEMENT_EXPORT = "AGREEMENT_EXPORT";
    static final String AGREEMENT_SCAN = "AGREEMENT_SCAN";
    static final String VIEW_AGREEMENT_SCAN = "VIEW_AGREEMENT_SCAN";
    /** A change made through the rules API (weather mode, thresholds, absences): method and path. */
    static final String RULES_CHANGE = "RULES_CHANGE";
    static final String DUTY_SETTING = "DUTY_SETTING";
    static final String VIEW_CARE_RECORDS = "VIEW_CARE_RECORDS";

    private final AuditStore store;

    Audit(AuditStore store) {
        this.store = store;
    }

    /** Blocking: records one line for the signed-in person. */
    void record(Staff staff, String action, String targetKind, Object targetId, Long elderId, String detail) {
        store.record(AuditEntry.of(staff.account().id(), staff.name(), action, targetKind,
                targetId == null ? null : String.valueOf(targetId), elderId, detail));
    }

    /** Blocking: records a line with no signed-in person (a failed login). */
    void anonymous(Long accountId, String actor, String action, String targetKind, String targetId) {
        store.record(AuditEntry.of(accountId, actor, action, targetKind, targetId, null, null));
    }

    AuditStore store() {
        return store;
    }
}
