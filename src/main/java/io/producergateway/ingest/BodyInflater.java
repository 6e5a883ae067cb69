package io.producergateway.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

/**
 * Inflates one request body sent with {@code Content-Encoding: gzip} or {@code deflate}, a piece at a time: the
 * caller hands it compressed bytes when it asks for them and takes the inflated bytes in pieces of the size it
 * chooses, so nothing is inflated ahead of what the caller reads (a body of zeros that inflates a thousandfold cannot
 * fill the heap). Checks what the JDK's {@code GZIPInputStream} checks (header, CRC-32, length; several members in a
 * row are one body) and refuses data after the end. {@code deflate} is the zlib format (RFC 9110), raw deflate data
 * is taken too, as browsers and Netty take it. Not thread-safe; {@link #end()} frees the native inflater.
 */
public final class BodyInflater {

    /** The codings the gateway inflates, as an {@code Accept-Encoding} answer lists them. */
    public static final String ACCEPTED = "gzip, deflate";

    /** A gzip header longer than this (a file name or an extra field of kilobytes) is refused as corrupt. */
    private static final int MAX_HEADER = 8192;
    private static final byte[] NONE = new byte[0];

    private enum Stage {
        HEADER, BODY, TRAILER, MEMBER_END, DONE
    }

    private final boolean gzip;
    private final String coding;
    private final CRC32 crc = new CRC32();
    private Inflater inflater;
    private Stage stage = Stage.HEADER;
    /** Header or trailer bytes gathered across inputs. */
    private byte[] held = NONE;
    private byte[] input = NONE;
    private int position;
    private int end;
    private boolean closed;

    private BodyInflater(boolean gzip, String coding) {
        this.gzip = gzip;
        this.coding = coding;
    }

    /**
     * The inflater for a request's {@code Content-Encoding}: null when the body is not compressed (no header, or
     * {@code identity}); a 415 refusal for a coding the gateway does not inflate, or for more than one.
     */
    public static BodyInflater of(String contentEncoding) {
        String coding = coding(contentEncoding);
        if (coding == null) {
            return null;
        }
        return new BodyInflater(coding.equals("gzip"), coding);
    }

    /** The one coding a {@code Content-Encoding} names ({@code gzip} or {@code deflate}), null for none. */
    public static String coding(String contentEncoding) {
        if (contentEncoding == null) {
            return null;
        }
        String found = null;
        for (String part : contentEncoding.split(",")) {
            String coding = part.trim().toLowerCase(Locale.ROOT);
            if (coding.isEmpty() || coding.equals("identity")) {
                continue;
            }
            if (found != null) {
                throw unsupported("A body compressed twice (Content-Encoding: " + contentEncoding.strip()
                        + ") is not supported; use one of " + ACCEPTED);
            }
            found = switch (coding) {
                case "gzip", "x-gzip" -> "gzip";
                case "deflate" -> "deflate";
                default -> throw unsupported("Content-Encoding " + EventFields.shown(part.strip())
                        + " is not supported; use " + ACCEPTED + ", or none");
            };
        }
        return found;
    }

    /** Whether it has used up its input and needs more before it inflates further. */
    public boolean needsInput() {
        return position >= end;
    }

    /**
     * The next compressed bytes of the body; only once it {@link #needsInput()}. They are read, never kept. Ignored
     * once {@link #end()}ed: a request may still hand over bytes after its answer.
     */
    public void input(byte[] bytes, int offset, int length) {
        if (closed) {
            return;
        }
        if (!needsInput()) {
            throw new IllegalStateException("The inflater still holds input");
        }
        input = bytes;
        position = offset;
        end = offset + length;
    }

    /**
     * At most {@code max} inflated bytes; null when it needs input first (or the body is complete).
     *
     * @throws GatewayException a 400 when the body is not the compressed data it claims to be
     */
    public byte[] inflate(int max) {
        while (!closed) {
            switch (stage) {
                case HEADER -> {
                    if (!header()) {
                        return null;
                    }
                }
                case BODY -> {
                    if (needsInput()) {
                        return null;
                    }
                    byte[] piece = body(max);
                    if (piece != null) {
                        return piece;
                    }
                }
                case TRAILER -> {
                    if (!trailer()) {
                        return null;
                    }
                }
                case MEMBER_END -> { // a gzip body may be several members, one after the other
                    if (needsInput()) {
                        return null;
                    }
                    inflater.reset();
                    stage = Stage.HEADER;
                }
                case DONE -> {
                    if (!needsInput()) {
                        throw corrupt("it has data after the end of the compressed data");
                    }
                    return null;
                }
                default -> throw new IllegalStateException(stage.name());
            }
        }
        return null;
    }

    /**
     * Says the body has ended.
     *
     * @throws GatewayException a 400 when it ended before its compressed data did
     */
    public void finish() {
        if (!closed && stage != Stage.MEMBER_END && stage != Stage.DONE) {
            throw corrupt("it ends before the end of the compressed data");
        }
    }

    /** Frees the native inflater; inflates nothing afterwards. */
    public void end() {
        closed = true;
        if (inflater != null) {
            inflater.end();
        }
    }

    /** Gathers the gzip header (or the two bytes that tell zlib from raw deflate); true once the body begins. */
    private boolean header() {
        if (needsInput()) {
            return false;
        }
        held = concat(held, input, position, end - position);
        position = end;
        int length;
        try {
            length = gzip ? GzipHeader.length(held) : held.length >= 2 ? 0 : -1;
        } catch (IllegalArgumentException e) {
            throw corrupt(e.getMessage());
        }
        if (length < 0) {
            if (held.length > MAX_HEADER) {
                throw corrupt("its gzip header is longer than " + MAX_HEADER + " bytes");
            }
            return false;
        }
        if (inflater == null) {
            inflater = new Inflater(gzip || !looksLikeZlib(held[0], held[1]));
        }
        crc.reset();
        input = held;
        position = length;
        end = held.length;
        held = NONE;
        stage = Stage.BODY;
        return true;
    }

    private byte[] body(int max) {
        byte[] out = new byte[max];
        inflater.setInput(input, position, end - position);
        int inflated;
        try {
            inflated = inflater.inflate(out);
        } catch (DataFormatException e) {
            throw corrupt("its compressed data is invalid");
        }
        position = end - inflater.getRemaining();
        if (gzip) {
            crc.update(out, 0, inflated);
        }
        if (inflater.finished()) {
            stage = gzip ? Stage.TRAILER : Stage.DONE;
        } else if (inflated == 0 && inflater.needsDictionary()) {
            throw corrupt("it needs a preset dictionary");
        }
        return inflated == 0 ? null : inflated == max ? out : Arrays.copyOf(out, inflated);
    }

    /** Gathers and checks the gzip trailer (CRC-32 and length of the member); true once checked. */
    private boolean trailer() {
        int take = Math.min(8 - held.length, end - position);
        held = concat(held, input, position, take);
        position += take;
        if (held.length < 8) {
            return false;
        }
        long expectedCrc = GzipHeader.littleEndian(held, 0);
        long expectedLength = GzipHeader.littleEndian(held, 4);
        held = NONE;
        if (expectedCrc != crc.getValue()) {
            throw corrupt("its CRC-32 does not match its data");
        }
        if (expectedLength != (inflater.getBytesWritten() & 0xFFFFFFFFL)) {
            throw corrupt("its length does not match its data");
        }
        stage = Stage.MEMBER_END;
        return true;
    }

    /** RFC 1950: compression method 8 and a header checksum that is a multiple of 31. */
    private static boolean looksLikeZlib(byte first, byte second) {
        return (first & 0x0F) == 8 && (((first & 0xFF) << 8) | (second & 0xFF)) % 31 == 0;
    }

    private static byte[] concat(byte[] head, byte[] tail, int offset, int length) {
        byte[] all = Arrays.copyOf(head, head.length + length);
        System.arraycopy(tail, offset, all, head.length, length);
        return all;
    }

    private GatewayException corrupt(String why) {
        return new GatewayException(ProblemType.MALFORMED_REQUEST, "The request body is not valid " + coding
                + " data, as its Content-Encoding says: " + why);
    }

    private static GatewayException unsupported(String detail) {
        return new GatewayException(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail);
    }
}
