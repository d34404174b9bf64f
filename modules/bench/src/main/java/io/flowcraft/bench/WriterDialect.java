package io.flowcraft.bench;

import java.util.function.Predicate;

/**
 * How a kind of {@link CorrelatedWriter} words its requests and recognises their answers.
 *
 * @param op       the request type, e.g. {@code patch_graph}
 * @param message  the request that sends an edit as an edit of a base version
 * @param moveEdit the edit that moves one node of a graph
 * @param accepts  whether a frame is an accepting answer (if it echoes the request's id)
 * @param rejects  whether a frame is a rejecting answer (if it carries the request's id or none)
 * @param answer   makes the answer from (accepted, version, send time, receipt time)
 * @param <O>      the answer type
 */
record WriterDialect<O>(String op, Message message, MoveEdit moveEdit, Predicate<Frame> accepts,
                        Predicate<Frame> rejects, AnswerMaker<O> answer) {

    /** Words a request. */
    @FunctionalInterface
    interface Message {
        String of(long base, String edit, String correlationId);
    }

    /** The edit that moves one node of {@code graph} to ({@code x}, {@code y}). */
    @FunctionalInterface
    interface MoveEdit {
        String of(GraphTemplate graph, int node, int x, int y);
    }

    /** Makes an answer. */
    @FunctionalInterface
    interface AnswerMaker<O> {
        O of(boolean accepted, long version, long sendNanos, long answerNanos);
    }
}
