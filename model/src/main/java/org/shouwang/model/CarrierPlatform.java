package org.shouwang.model;

/** The carrier IoT platforms whose HTTP push the platform accepts (issue 14). */
public enum CarrierPlatform {
    /** China Mobile OneNET: signed data push. */
    ONENET,
    /** China Telecom CTWing (AEP): HTTP subscription push, unsigned. */
    CTWING
}
