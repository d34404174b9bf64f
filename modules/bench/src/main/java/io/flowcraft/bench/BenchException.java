package io.flowcraft.bench;

/** A condition that stops a scenario or the whole run, with a message a person can act on. */
final class BenchException extends Exception {

    /** @param message what went wrong */
    BenchException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause   the underlying error
     */
    BenchException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A short description of an error for messages, looking through the wrappers that futures and
     * lambdas add ({@code ExecutionException}, {@code CompletionException}, {@code UncheckedIOException}).
     */
    static String describe(Throwable error) {
        Throwable e = error;
        while ((e instanceof java.util.concurrent.ExecutionException
                || e instanceof java.util.concurrent.CompletionException
                || e instanceof java.io.UncheckedIOException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof BenchException) {
            return e.getMessage();
        }
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
