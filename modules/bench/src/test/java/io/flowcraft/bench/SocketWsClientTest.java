package io.flowcraft.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Drives {@link SocketWsClient} against a scripted server on a loopback socket. */
class SocketWsClientTest {

    @Test
    void reassemblesFragmentsAnswersPingsAndSendsMaskedFragments() throws Exception {
        String big = "{\"type\":\"sync_graph\",\"payload\":{\"version\":12,\"graph\":{\"label\":\"" + "é".repeat(40_000)
                + "\"}},\"correlationId\":\"w0-1\"}";
        byte[] bigBytes = big.getBytes(StandardCharsets.UTF_8);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> script = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    handshake(in, out);
                    out.write(frame(0x81, "{\"type\":\"sync_graph\",\"payload\":{\"version\":11}}".getBytes(StandardCharsets.UTF_8)));
                    // a 64-bit-length message in three fragments (split inside a two-byte character)
                    // with a ping between fragments
                    int a = 70_001;
                    int b = 75_000;
                    out.write(frame(0x01, java.util.Arrays.copyOfRange(bigBytes, 0, a)));
                    out.write(frame(0x89, new byte[] {1, 2, 3}));
                    out.write(frame(0x00, java.util.Arrays.copyOfRange(bigBytes, a, b)));
                    out.write(frame(0x80, java.util.Arrays.copyOfRange(bigBytes, b, bigBytes.length)));
                    out.flush();
                    byte[] pong = readFrame(in);
                    assertEquals(0x8A, pong[0] & 0xff);
                    assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOfRange(pong, 1, pong.length));
                    ByteArrayOutputStream message = new ByteArrayOutputStream();
                    int fragments = 0;
                    while (true) {
                        byte[] f = readFrame(in);
                        fragments++;
                        message.write(f, 1, f.length - 1);
                        if ((f[0] & 0x80) != 0) {
                            break;
                        }
                    }
                    out.write(frame(0x88, new byte[] {0x03, (byte) 0xe8}));
                    out.flush();
                    byte[] closeEcho = readFrame(in);
                    assertEquals(0x88, closeEcho[0] & 0xff);
                    return fragments + ":" + message.toString(StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            LinkedBlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
            SocketWsClient client = SocketWsClient.connect(URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws?graph=g"),
                    "t", null, 1000, Duration.ofSeconds(5), true, frames::add);
            Frame first = frames.poll(5, TimeUnit.SECONDS);
            assertEquals(11, first.version());
            Frame second = frames.poll(5, TimeUnit.SECONDS);
            assertEquals("sync_graph", second.type());
            assertEquals(12, second.version());
            assertEquals("w0-1", second.correlationId());
            String sent = "{\"type\":\"x\",\"payload\":{\"text\":\"" + "ü".repeat(1500) + "\"}}";
            client.send(sent).join();
            String result = script.get(10, TimeUnit.SECONDS);
            assertEquals(sent, result.substring(result.indexOf(':') + 1));
            assertTrue(Integer.parseInt(result.substring(0, result.indexOf(':'))) >= 3, result);
            for (int i = 0; i < 100 && client.isOpen(); i++) {
                Thread.sleep(20);
            }
            assertFalse(client.isOpen());
            assertEquals("closed 1000 \"\"", client.state());
            assertEquals(2, client.received());
            client.close();
        }
    }

    @Test
    void refusesAServerThatDoesNotUpgrade() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept()) {
                    readHeader(s.getInputStream());
                    s.getOutputStream().write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            IOException e = assertThrows(IOException.class, () -> SocketWsClient.connect(
                    URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws"), "t", null, 0, Duration.ofSeconds(5),
                    false, f -> { }));
            assertTrue(e.getMessage().contains("404"), e.getMessage());
        }
    }

    private static void handshake(DataInputStream in, OutputStream out) throws IOException {
        String request = readHeader(in);
        assertTrue(request.startsWith("GET /ws?graph=g HTTP/1.1\r\n"), request);
        String key = request.lines().filter(l -> l.startsWith("Sec-WebSocket-Key:")).findFirst().orElseThrow()
                .substring(18).trim();
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String readHeader(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("eof");
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    /** An unmasked server frame. */
    private static byte[] frame(int firstByte, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length < 65536) {
            out.write(126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) payload.length >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** Reads one masked client frame; returns its first byte followed by the unmasked payload. */
    private static byte[] readFrame(DataInputStream in) throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        assertTrue((b1 & 0x80) != 0, "client frames must be masked");
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] mask = in.readNBytes(4);
        byte[] payload = in.readNBytes((int) len);
        byte[] out = new byte[payload.length + 1];
        out[0] = (byte) b0;
        for (int i = 0; i < payload.length; i++) {
            out[i + 1] = (byte) (payload[i] ^ mask[i & 3]);
        }
        return out;
    }
}
