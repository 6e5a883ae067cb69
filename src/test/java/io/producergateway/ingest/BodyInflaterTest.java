package io.producergateway.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

/** The inflater of compressed bodies, fed as a connection would feed it: in pieces of any size. */
class BodyInflaterTest {

    private static final byte[] DATA = ("{\"value\":\"" + "abc".repeat(20000) + "\"}").getBytes(StandardCharsets.UTF_8);

    @Test
    void gzipFedOneByteAtATimeInflatesToTheSameBytes() {
        byte[] gzip = CompressedBodiesTest.gzip(DATA);
        assertArrayEquals(DATA, inflate("gzip", gzip, 1, 100));
        assertArrayEquals(DATA, inflate("x-gzip", gzip, 7, 64 * 1024));
    }

    @Test
    void aGzipHeaderWithExtraFieldNameCommentAndHeaderCrcIsSkipped() {
        byte[] plain = CompressedBodiesTest.gzip(DATA);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(plain, 0, 3);
        header.write(0x02 | 0x04 | 0x08 | 0x10); // FHCRC, FEXTRA, FNAME, FCOMMENT
        header.write(plain, 4, 6);
        header.writeBytes(new byte[] { 3, 0, 'x', 'y', 'z' });
        header.writeBytes("name.json\0a comment\0".getBytes(StandardCharsets.ISO_8859_1));
        header.writeBytes(new byte[] { 0, 0 });
        header.write(plain, 10, plain.length - 10);
        assertArrayEquals(DATA, inflate("gzip", header.toByteArray(), 3, 1000));
    }

    @Test
    void gzipMembersInARowAreOneBody() {
        byte[] two = CompressedBodiesTest.concat(CompressedBodiesTest.gzip(Arrays.copyOf(DATA, 100)),
                CompressedBodiesTest.gzip(Arrays.copyOfRange(DATA, 100, DATA.length)));
        assertArrayEquals(DATA, inflate("gzip", two, 5, 4096));
    }

    @Test
    void deflateIsTheZlibFormatOrRawDeflateData() {
        assertArrayEquals(DATA, inflate("deflate", CompressedBodiesTest.zlib(DATA), 1, 512));
        assertArrayEquals(DATA, inflate("deflate", CompressedBodiesTest.rawDeflate(DATA), 2, 512));
    }

    @Test
    void noOutputPieceIsLargerThanAsked() {
        BodyInflater inflater = BodyInflater.of("gzip");
        byte[] bomb = CompressedBodiesTest.gzip(new byte[10 * 1024 * 1024]);
        inflater.input(bomb, 0, bomb.length);
        long total = 0;
        int pieces = 0;
        for (byte[] piece; (piece = inflater.inflate(1000)) != null;) {
            assertTrue(piece.length <= 1000, "a piece of " + piece.length + " bytes");
            total += piece.length;
            pieces++;
        }
        inflater.finish();
        inflater.end();
        assertEquals(10 * 1024 * 1024, total);
        assertEquals(10486, pieces, "zeros fill every piece but the last");
    }

    @Test
    void dataThatIsNotWhatItsEncodingSaysIsMalformed() {
        byte[] gzip = CompressedBodiesTest.gzip(DATA);
        byte[] badCrc = gzip.clone();
        badCrc[gzip.length - 8] ^= 1;
        byte[] badLength = gzip.clone();
        badLength[gzip.length - 1] ^= 1;
        byte[] badData = gzip.clone();
        badData[20] ^= (byte) 0xFF;
        for (byte[] body : new byte[][] { DATA, badCrc, badLength, badData, Arrays.copyOf(gzip, gzip.length - 1),
                CompressedBodiesTest.concat(gzip, new byte[] { 0 }), new byte[0], { 0x1f } }) {
            GatewayException e = assertThrows(GatewayException.class, () -> inflate("gzip", body, 4096, 4096));
            assertEquals(ProblemType.MALFORMED_REQUEST, e.type());
        }
        assertThrows(GatewayException.class, () -> inflate("deflate", DATA, 4096, 4096));
        assertThrows(GatewayException.class, () -> inflate("deflate",
                CompressedBodiesTest.concat(CompressedBodiesTest.zlib(DATA), new byte[] { 1 }), 4096, 4096));
    }

    @Test
    void otherCodingsAreUnsupportedAndIdentityIsNone() {
        assertNull(BodyInflater.of(null));
        assertNull(BodyInflater.of("identity"));
        assertNull(BodyInflater.of(" Identity , "));
        assertEquals("gzip", BodyInflater.coding("GZIP"));
        assertEquals("deflate", BodyInflater.coding("identity, deflate"));
        for (String coding : new String[] { "br", "zstd", "compress", "gzip, gzip", "deflate, gzip", "gzip;q=1" }) {
            GatewayException e = assertThrows(GatewayException.class, () -> BodyInflater.of(coding));
            assertEquals(ProblemType.UNSUPPORTED_MEDIA_TYPE, e.type(), coding);
        }
    }

    private static byte[] inflate(String coding, byte[] body, int inputSize, int pieceSize) {
        BodyInflater inflater = BodyInflater.of(coding);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (int from = 0; from < body.length; from += inputSize) {
                inflater.input(body, from, Math.min(inputSize, body.length - from));
                for (byte[] piece; (piece = inflater.inflate(pieceSize)) != null;) {
                    out.writeBytes(piece);
                }
            }
            inflater.finish();
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }
}
