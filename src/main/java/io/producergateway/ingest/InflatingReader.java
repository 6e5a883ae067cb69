package io.producergateway.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;

/**
 * Inflates a compressed request body ({@code Content-Encoding: gzip} or {@code deflate}) before any resource reads
 * it, so every REST operation takes compressed bodies alike. The HTTP layer has already held the compressed body to
 * {@code quarkus.http.limits.max-body-size}; the same limit holds for the inflated body, which is refused with 413 as
 * soon as it passes the limit, never inflated further. Answers are not compressed.
 */
@Provider
public class InflatingReader implements ReaderInterceptor {

    private static final int PIECE = 64 * 1024;

    private final long limit;

    public InflatingReader(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        BodyInflater inflater = BodyInflater.of(context.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING));
        if (inflater == null) {
            return context.proceed();
        }
        try {
            context.setInputStream(new ByteArrayInputStream(inflate(context.getInputStream(), inflater)));
        } finally {
            inflater.end();
        }
        return context.proceed();
    }

    private byte[] inflate(InputStream compressed, BodyInflater inflater) throws IOException {
        ByteArrayOutputStream inflated = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int read; (read = compressed.read(chunk)) != -1;) {
            inflater.input(chunk, 0, read);
            // Never more than one byte past the limit: a bomb is refused after limit + 1 inflated bytes.
            for (byte[] piece; (piece = inflater.inflate(room(inflated))) != null;) {
                inflated.write(piece);
                if (inflated.size() > limit) {
                    throw new GatewayException(ProblemType.PAYLOAD_TOO_LARGE, "The request body inflates to more "
                            + "than " + limit + " bytes (quarkus.http.limits.max-body-size)");
                }
            }
        }
        inflater.finish();
        return inflated.toByteArray();
    }

    private int room(ByteArrayOutputStream inflated) {
        return (int) Math.min(PIECE, limit + 1 - inflated.size());
    }
}
