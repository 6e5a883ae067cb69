package io.producergateway.ingest;

/** The gzip member header of RFC 1952, as {@link BodyInflater} reads it from bytes that may still be incomplete. */
final class GzipHeader {

    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int FRESERVED = 0xE0;

    private GzipHeader() {
    }

    /**
     * The length of the complete header at the start of {@code h}; -1 while it is incomplete. Its CRC (FHCRC) is
     * skipped, as {@code GZIPInputStream} skips it.
     *
     * @throws IllegalArgumentException why {@code h} is no gzip header, as soon as its first bytes tell
     */
    static int length(byte[] h) {
        if (h.length >= 1 && (h[0] & 0xFF) != 0x1F || h.length >= 2 && (h[1] & 0xFF) != 0x8B) {
            throw new IllegalArgumentException("it does not start with the gzip magic bytes");
        }
        if (h.length < 10) {
            return -1;
        }
        int flags = h[3] & 0xFF;
        if ((h[2] & 0xFF) != 8 || (flags & FRESERVED) != 0) {
            throw new IllegalArgumentException("its gzip header names an unknown method or flags");
        }
        int p = 10;
        if ((flags & FEXTRA) != 0) {
            if (h.length < p + 2) {
                return -1;
            }
            p += 2 + ((h[p] & 0xFF) | (h[p + 1] & 0xFF) << 8);
        }
        if ((flags & FNAME) != 0) {
            p = afterZero(h, p);
        }
        if ((flags & FCOMMENT) != 0) {
            p = afterZero(h, p);
        }
        if ((flags & FHCRC) != 0 && p >= 0) {
            p += 2;
        }
        return p < 0 || p > h.length ? -1 : p;
    }

    /** The unsigned 32-bit little-endian number at {@code at} (the trailer's CRC-32 and length). */
    static long littleEndian(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    /** Just past the zero that ends a string starting at {@code from}; -1 while there is none yet. */
    private static int afterZero(byte[] h, int from) {
        for (int i = Math.max(from, 0); from >= 0 && i < h.length; i++) {
            if (h[i] == 0) {
                return i + 1;
            }
        }
        return -1;
    }
}
