package io.producergateway.ingest.cloudevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Header values decoded as the HTTP binding's section 3.1.3.2 says a receiver must. */
class HeaderValuesTest {

    @Test
    void percentEncodedUtf8IsDecodedOnceInEitherCase() {
        assertEquals("Euro € 😀", HeaderValues.decode("Euro%20%E2%82%AC%20%F0%9F%98%80"));
        assertEquals("€", HeaderValues.decode("%e2%82%ac"));
        assertEquals("%41", HeaderValues.decode("%2541"), "one round only");
        assertEquals("plain", HeaderValues.decode("  plain "));
    }

    @Test
    void quotedStringsAreUnescapedFirst() {
        assertEquals("a b", HeaderValues.decode("\"a b\""));
        assertEquals("say \"hi\"", HeaderValues.decode("\"say \\\"hi\\\"\""));
        assertEquals("x, y", HeaderValues.decode("x, \"y\""));
    }

    @Test
    void invalidEncodingsAreRefused() {
        assertNull(HeaderValues.decode("%C0%A0"), "an overlong encoding of U+0020");
        assertNull(HeaderValues.decode("%ED%A0%80"), "an encoded surrogate");
        assertNull(HeaderValues.decode("%4"), "a truncated escape");
        assertNull(HeaderValues.decode("%zz"), "not hexadecimal");
        assertNull(HeaderValues.decode("\"unterminated"), "an unterminated quoted string");
    }

    @Test
    void unencodedUtf8BytesAreTakenAsTheyCame() {
        // the HTTP layer hands each header byte over as one ISO-8859-1 character
        assertEquals("é", HeaderValues.decode("\u00C3\u00A9"));
    }
}
