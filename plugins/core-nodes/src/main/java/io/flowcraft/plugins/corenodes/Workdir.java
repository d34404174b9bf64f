package io.flowcraft.plugins.corenodes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/** A job's fresh temporary directory: created, handed to the sandbox user, read safely, deleted. */
final class Workdir {
    private Workdir() {
    }

    /** A new empty directory, owned by {@code nobody} when jobs drop root. */
    static Path create(boolean forNobody) throws IOException {
        Path dir = Files.createTempDirectory("flowcraft-job-").toRealPath();
        if (forNobody) {
            Files.setAttribute(dir, "unix:uid", Isolation.NOBODY);
            Files.setAttribute(dir, "unix:gid", Isolation.NOBODY);
        }
        return dir;
    }

    /** Writes a file the job may read. */
    static void write(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
    }

    /** Copies a wrapper script from this jar into the directory. */
    static void copyResource(Path dir, String name) throws IOException {
        try (InputStream in = Workdir.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            Files.copy(in, dir.resolve(name));
        }
    }

    /**
     * Reads a file the job wrote, never following a link it may have planted and never more than
     * {@code max} bytes.
     */
    static Optional<String> readOwnFile(Path dir, String name, long max) throws IOException {
        Path file = dir.resolve(name);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attrs.isRegularFile()) {
            throw new NodeFailure("the job replaced " + name + " by something that is not a file");
        }
        if (attrs.size() > max) {
            throw new NodeFailure("the job's result is larger than " + max + " bytes");
        }
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(max, Math.max(attrs.size(), 0)) + 1);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // fill
            }
            if (!buf.hasRemaining()) {
                throw new NodeFailure("the job's result is larger than " + max + " bytes");
            }
            return Optional.of(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
        }
    }

    /** Deletes a directory tree without following links; failures are ignored. */
    static void deleteQuietly(Path dir) {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            // a leftover temporary directory is not worth failing the node for
        }
    }
}
