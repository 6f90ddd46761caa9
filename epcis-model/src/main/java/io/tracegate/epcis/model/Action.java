package io.tracegate.epcis.model;

/** EPCIS event action. TransformationEvent has none. */
public enum Action {
    ADD, OBSERVE, DELETE
}
