package io.flowcraft.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A minimal RFC 6455 client over a blocking {@link Socket} (handshake in {@link WsHandshake}), with
 * one virtual thread reading each connection: the default transport. Incoming fragments are
 * reassembled as bytes and scanned in place ({@link Utf8Bytes}) without decoding, which keeps the
 * bench's own CPU use low; pings are answered, a close is echoed. Outgoing messages are masked and
 * written as one frame, or as fragments of a given size split on character boundaries.
 */
final class SocketWsClient implements WsClient {

    private final String name;
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final int fragmentBytes;
    private final AtomicLong received = new AtomicLong();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private boolean closeSent;

    private SocketWsClient(String name, Socket socket, DataInputStream in, int fragmentBytes) throws IOException {
        this.name = name;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = in;
        this.fragmentBytes = fragmentBytes;
    }

    /**
     * Connects, performs the opening handshake and starts reading (blocking; run it off the caller's thread).
     *
     * @throws IOException when the connection or the handshake fails
     */
    static SocketWsClient connect(URI uri, String name, String token, int fragmentBytes, Duration timeout,
                                  boolean fullScan, Consumer<Frame> handler) throws IOException {
        return connect(uri, name, token, fragmentBytes, timeout, fullScan, false, handler);
    }

    /**
     * Connects like {@link #connect(URI, String, String, int, Duration, boolean, Consumer)}, keeping
     * every message's text in its frame when {@code keepText} is set.
     *
     * @throws IOException when the connection or the handshake fails
     */
    static SocketWsClient connect(URI uri, String name, String token, int fragmentBytes, Duration timeout,
                                  boolean fullScan, boolean keepText, Consumer<Frame> handler) throws IOException {
        WsHandshake handshake = WsHandshake.send(uri, token, timeout);
        Socket socket = handshake.socket();
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
            handshake.readResponse(in);
            socket.setSoTimeout(0);
            SocketWsClient client = new SocketWsClient(name, socket, in, fragmentBytes);
            Thread.ofVirtual().name("ws-read-" + name).start(() -> client.readLoop(fullScan, keepText, handler));
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void readLoop(boolean fullScan, boolean keepText, Consumer<Frame> handler) {
        byte[] message = new byte[64 * 1024];
        int length = 0;
        boolean text = false;
        try {
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                int opcode = b0 & 0x0f;
                if ((b0 & 0x70) != 0 || (b1 & 0x80) != 0) {
                    throw new IOException("protocol error: reserved bits or mask set by the server");
                }
                long size = b1 & 0x7f;
                if (size == 126) {
                    size = in.readUnsignedShort();
                } else if (size == 127) {
                    size = in.readLong();
                }
                if (size < 0 || length + size > Integer.MAX_VALUE - 16) {
                    throw new IOException("message too large: " + size);
                }
                if (opcode >= 0x8) {
                    byte[] payload = new byte[(int) size];
                    in.readFully(payload);
                    if (control(opcode, payload)) {
                        return;
                    }
                    continue;
                }
                if (opcode != 0) {
                    text = opcode == 1;
                    length = 0;
                }
                if (length + size > message.length) {
                    message = Arrays.copyOf(message, (int) Math.max(length + size, message.length * 2L));
                }
                in.readFully(message, length, (int) size);
                length += (int) size;
                if ((b0 & 0x80) != 0) {
                    long now = System.nanoTime();
                    if (text) {
                        received.incrementAndGet();
                        handler.accept(FrameScan.frame(new Utf8Bytes(message, length), fullScan, keepText, now));
                    }
                    length = 0;
                    if (message.length > (8 << 20)) {
                        message = new byte[64 * 1024];
                    }
                }
            }
        } catch (EOFException e) {
            closed.complete("closed without a close frame");
        } catch (IOException | RuntimeException e) {
            closed.complete("failed: " + e);
        } finally {
            closeSocket();
        }
    }

    /** Handles a control frame; returns whether the connection is done. */
    private boolean control(int opcode, byte[] payload) throws IOException {
        switch (opcode) {
            case 0x8 -> {
                int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                String reason = payload.length > 2
                        ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                closed.complete("closed " + code + " \"" + reason + "\"");
                sendClose(payload.length >= 2 ? Arrays.copyOf(payload, 2) : new byte[0]);
                return true;
            }
            case 0x9 -> writeFrame(0x8A, payload, 0, payload.length);
            default -> {
                // pong or reserved control opcode: ignore
            }
        }
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<?> send(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (out) {
                if (fragmentBytes <= 0 || bytes.length <= fragmentBytes) {
                    writeFrame(0x81, bytes, 0, bytes.length);
                } else {
                    for (int start = 0, opcode = 0x1; start < bytes.length; opcode = 0x0) {
                        int end = Math.min(bytes.length, start + fragmentBytes);
                        while (end < bytes.length && end > start + 1 && (bytes[end] & 0xc0) == 0x80) {
                            end--; // do not split a character
                        }
                        writeFrame((end == bytes.length ? 0x80 : 0) | opcode, bytes, start, end - start);
                        start = end;
                    }
                }
            }
            return CompletableFuture.completedFuture(null);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Writes one masked frame in a single socket write. */
    private void writeFrame(int firstByte, byte[] payload, int offset, int length) throws IOException {
        int header = length < 126 ? 2 : length < 65536 ? 4 : 10;
        byte[] frame = new byte[header + 4 + length];
        frame[0] = (byte) firstByte;
        if (length < 126) {
            frame[1] = (byte) (0x80 | length);
        } else if (length < 65536) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        System.arraycopy(mask, 0, frame, header, 4);
        int base = header + 4;
        for (int i = 0; i < length; i++) {
            frame[base + i] = (byte) (payload[offset + i] ^ mask[i & 3]);
        }
        synchronized (out) {
            out.write(frame);
            out.flush();
        }
    }

    private void sendClose(byte[] payload) throws IOException {
        synchronized (out) {
            if (!closeSent) {
                closeSent = true;
                writeFrame(0x88, payload, 0, payload.length);
            }
        }
    }

    @Override
    public long received() {
        return received.get();
    }

    @Override
    public boolean isOpen() {
        return !closed.isDone();
    }

    @Override
    public String state() {
        return closed.getNow("open");
    }

    @Override
    public void close() {
        try {
            if (isOpen()) {
                sendClose(new byte[] {0x03, (byte) 0xe8}); // 1000 normal closure
                closed.get(2, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // fall through: close the socket
        } finally {
            closed.complete("closed by the bench");
            closeSocket();
        }
    }

    @Override
    public void abort() {
        closed.complete("aborted by the bench");
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
