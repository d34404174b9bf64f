/**
 * The execution event family: what a run publishes, in order, ending in exactly one terminal
 * event; and the statuses of a run and of its nodes.
 */
package io.flowcraft.api.execution;
