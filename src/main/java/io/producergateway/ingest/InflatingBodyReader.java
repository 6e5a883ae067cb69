package io.producergateway.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyReader;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.quarkus.runtime.configuration.MemorySize;

/**
 * Reads every REST operation's body ({@code byte[]}), inflating a compressed one ({@code Content-Encoding: gzip} or
 * {@code deflate}) on the way, so every operation takes compressed bodies alike. The HTTP layer has already held the
 * compressed body to {@code quarkus.http.limits.max-body-size}; the same limit holds for the inflated body, which is
 * refused with 413 as soon as it passes the limit, never inflated further. Answers are not compressed.
 *
 * <p>A body reader rather than a reader interceptor: with any interceptor, Quarkus REST reads each request's
 * parameter annotations by reflection before the body (18% of the CPU samples of one-event requests).
 */
@Provider
@Consumes(MediaType.WILDCARD)
public class InflatingBodyReader implements ServerMessageBodyReader<byte[]> {

    private static final int PIECE = 64 * 1024;
    private static final int CHUNK = 8192;

    private final long limit;

    public InflatingBodyReader(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo lazyMethod,
            MediaType mediaType) {
        return type == byte[].class;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == byte[].class;
    }

    @Override
    public byte[] readFrom(Class<byte[]> type, Type genericType, MediaType mediaType, ServerRequestContext context)
            throws IOException {
        return read(context.getInputStream(), contentEncoding(context));
    }

    /** The request's Content-Encoding, read from the request itself: its HttpHeaders view is built per call. */
    private static String contentEncoding(ServerRequestContext context) {
        return context instanceof ResteasyReactiveRequestContext request
                ? request.serverRequest().getRequestHeader(HttpHeaders.CONTENT_ENCODING)
                : context.getRequestHeaders().getHeaderString(HttpHeaders.CONTENT_ENCODING);
    }

    @Override
    public byte[] readFrom(Class<byte[]> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        return read(body, headers.getFirst(HttpHeaders.CONTENT_ENCODING));
    }

    private byte[] read(InputStream body, String contentEncoding) throws IOException {
        BodyInflater inflater = BodyInflater.of(contentEncoding);
        if (inflater == null) {
            return body.readAllBytes();
        }
        try {
            return inflate(body, inflater);
        } finally {
            inflater.end();
        }
    }

    private byte[] inflate(InputStream compressed, BodyInflater inflater) throws IOException {
        ByteArrayOutputStream inflated = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
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
