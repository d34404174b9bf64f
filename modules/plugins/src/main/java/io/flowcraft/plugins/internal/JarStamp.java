package io.flowcraft.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What a jar file looked like when it was seen: size, modification time and file key (inode), so
 * that a replaced jar is noticed cheaply. {@link #hash} is the expensive, exact check.
 *
 * @param size     the size in bytes
 * @param modified the modification time, at the file system's resolution
 * @param fileKey  the file system's key of the file, or {@code null} where there is none
 */
public record JarStamp(long size, FileTime modified, Object fileKey) {
    /**
     * Reads the stamp of a file.
     *
     * @param jar the file
     * @return its stamp, or empty if it is gone or not a regular file
     */
    public static Optional<JarStamp> of(Path jar) {
        try {
            BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
            return a.isRegularFile() ? Optional.of(new JarStamp(a.size(), a.lastModifiedTime(), a.fileKey()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The SHA-256 of a file's content.
     *
     * @param jar the file
     * @return the hash in hex, or empty if the file cannot be read
     */
    public static Optional<String> hash(Path jar) {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
