package io.producergateway.ingest.cloudevents;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a {@code ce-*} header value as the HTTP binding (section 3.1.3.2) says a receiver must, which the SDK's
 * reader does not: double-quoted strings are unescaped, then one round of percent-decoding, and the bytes must be
 * valid UTF-8 (an overlong {@code %C0%A0} is refused). A byte that came unencoded is taken as it came.
 */
final class HeaderValues {

    private HeaderValues() {
    }

    /** The attribute value the header carries; null when it is not a valid encoding of one. */
    static String decode(String header) {
        String unquoted = unquote(header.strip());
        return unquoted == null ? null : percentDecode(unquoted);
    }

    private static String unquote(String value) {
        if (value.indexOf('"') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (quoted && c == '\\') {
                if (++i == value.length()) {
                    return null;
                }
                out.append(value.charAt(i));
            } else {
                out.append(c);
            }
        }
        return quoted ? null : out.toString();
    }

    private static String percentDecode(String value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                int high = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(value.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c <= 0xFF) {
                bytes.write(c); // the HTTP layer hands header bytes over as ISO-8859-1 characters
            } else {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
