package io.producergateway.security;

import java.security.Permission;

/** Permission to produce to one topic; granted by {@link TopicGrants}. */
public final class TopicPermission extends Permission {

    public TopicPermission(String topic) {
        super(topic);
    }

    public String topic() {
        return getName();
    }

    @Override
    public boolean implies(Permission permission) {
        return equals(permission);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TopicPermission permission && permission.getName().equals(getName());
    }

    @Override
    public int hashCode() {
        return getName().hashCode();
    }

    @Override
    public String getActions() {
        return "produce";
    }
}
