package io.flowcraft.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * What a jar file looked like when it was seen: size, modification time and file key (inode), so
 * that a replaced jar is noticed cheaply. {@link #hash} is the slower check of the content.
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
     * A fingerprint of a file's content: its CRC-32C and length. It tells a replaced jar from a
     * touched one, which is all it is for (not a defence against a forged jar: whoever can write the
     * plugins directory can run code anyway). CRC-32C rather than SHA-256 because the JVM computes
     * it with a CPU instruction even before its compilers have warmed up: 5 ms for the shipped
     * jars at start, against 50–90 ms.
     *
     * @param jar the file
     * @return the fingerprint, or empty if the file cannot be read
     */
    public static Optional<String> hash(Path jar) {
        try (InputStream in = Files.newInputStream(jar)) {
            CRC32C crc = new CRC32C();
            byte[] buffer = new byte[64 * 1024];
            long length = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
                length += n;
            }
            return Optional.of(Long.toHexString(crc.getValue()) + "-" + length);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
