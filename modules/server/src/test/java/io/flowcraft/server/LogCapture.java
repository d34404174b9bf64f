package io.flowcraft.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log record the JVM publishes while this is open (on the root logger), formatted; closing
 * stops collecting. Thread-safe.
 */
final class LogCapture extends Handler implements AutoCloseable {
    private final Formatter formatter;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture(Formatter formatter) {
        this.formatter = formatter;
    }

    /** Starts collecting records formatted by {@code formatter}. */
    static LogCapture start(Formatter formatter) {
        LogCapture capture = new LogCapture(formatter);
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    /** The lines so far, live. */
    List<String> lines() {
        return lines;
    }

    @Override
    public void publish(LogRecord r) {
        lines.add(formatter.format(r));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
