package io.tracegate.gateway.serials;

/**
 * How the serial store takes a capture's events. {@link #ENFORCE}: the lifecycle rules hold (our own production:
 * only new serials are commissioned, only what is active and ours is shipped, ...). {@link #OBSERVE}: a history
 * import (a repository being moved here, a partner's document): the events happened elsewhere, so units they name
 * that the store does not know are created as {@code observed}, and each unit takes the state the event says,
 * whatever it was before. Even then a unit this store commissioned itself is not commissioned again, a unit is not
 * packed into two containers by one capture, nothing is packed into itself, and key limits hold.
 */
public enum LifecycleMode {
    ENFORCE,
    OBSERVE
}
