package io.producergateway.config;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * One entry of {@code gateway.auth.grants}: a principal may produce to the topics a regular expression matches in full.
 * SmallRye Config converts {@code principal=regex} with {@link Parser} at startup, so a malformed entry or an invalid
 * expression stops the service with the key named.
 */
public record Grant(String principal, Pattern topics) {

    /** @throws IllegalArgumentException when the text is not {@code principal=regex} with a valid expression */
    public static Grant parse(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0 || equals == text.length() - 1 || text.substring(0, equals).isBlank()) {
            throw new IllegalArgumentException("'" + text + "' is not principal=regex");
        }
        try {
            return new Grant(text.substring(0, equals).trim(), Pattern.compile(text.substring(equals + 1).trim()));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' has an invalid regular expression: "
                    + e.getDescription());
        }
    }

    public boolean allows(String topic) {
        return topics.matcher(topic).matches();
    }

    /** The converter of {@code gateway.auth.grants} entries. */
    public static final class Parser implements Converter<Grant> {
        @Override
        public Grant convert(String value) {
            return parse(value.trim());
        }
    }
}
