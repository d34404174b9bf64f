package io.flowcraft.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLSocketFactory;

/**
 * The client side of the WebSocket opening handshake (RFC 6455 section 4.1) for {@link SocketWsClient}:
 * {@link #send} connects and sends the upgrade request, {@link #readResponse} checks the {@code 101}
 * response and its {@code Sec-WebSocket-Accept}.
 *
 * @param socket the connected socket; its read timeout stays set until the caller clears it
 * @param key    the request's {@code Sec-WebSocket-Key}
 */
record WsHandshake(Socket socket, String key) {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final String ACCEPT_HEADER = "Sec-WebSocket-Accept:";
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    /**
     * Connects and sends the upgrade request.
     *
     * @param uri     {@code ws://} or {@code wss://} URI
     * @param token   a bearer token to send, or {@code null}
     * @param timeout connect and read timeout
     * @return the handshake in progress
     * @throws IOException when the connection fails
     */
    static WsHandshake send(URI uri, String token, Duration timeout) throws IOException {
        boolean tls = "wss".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        Socket socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        try {
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) timeout.toMillis());
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String request = "GET " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                    + "\r\nSec-WebSocket-Version: 13\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new WsHandshake(socket, key);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Reads the response header (and not a byte more) and checks it.
     *
     * @param in the socket's input
     * @throws IOException when the server refused the upgrade or answered wrongly
     */
    void readResponse(DataInputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!(sb.length() >= 4 && sb.charAt(sb.length() - 1) == '\n'
                && sb.substring(sb.length() - 4).equals("\r\n\r\n"))) {
            int b = in.read();
            if (b < 0 || sb.length() > MAX_HEADER_BYTES) {
                throw new IOException("connection closed during the handshake");
            }
            sb.append((char) b);
        }
        String response = sb.toString();
        if (!response.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + response.lines().findFirst().orElse(response));
        }
        String accept = Base64.getEncoder().encodeToString(sha1(key + GUID));
        boolean valid = response.lines()
                .anyMatch(l -> l.regionMatches(true, 0, ACCEPT_HEADER, 0, ACCEPT_HEADER.length())
                        && l.substring(ACCEPT_HEADER.length()).trim().equals(accept));
        if (!valid) {
            throw new IOException("handshake response has no valid Sec-WebSocket-Accept");
        }
    }

    private static byte[] sha1(String s) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.ISO_8859_1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
