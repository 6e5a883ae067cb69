package io.producergateway.testing;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.config.JWTAuthContextInfoProvider;

/** The configuration keys smallrye-jwt reads ({@code mp.jwt.*}, {@code smallrye.jwt.*}), as its code declares them. */
public final class JwtKeys {

    private JwtKeys() {
    }

    /** Every key with its default; null for a key without one. */
    public static Map<String, String> withDefaults() {
        Map<String, String> keys = new TreeMap<>();
        for (Field field : JWTAuthContextInfoProvider.class.getDeclaredFields()) {
            ConfigProperty property = field.getAnnotation(ConfigProperty.class);
            if (property != null) {
                String value = property.defaultValue();
                keys.put(property.name(), value.equals("NONE") || value.equals(ConfigProperty.UNCONFIGURED_VALUE)
                        ? null : value);
            }
        }
        return keys;
    }
}
