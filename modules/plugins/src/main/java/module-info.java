/**
 * The plugin host: loads PF4J plugin jars from a directory (and as they are dropped in, removed or
 * replaced at run time), keeps the registries of their extensions, records every failure with the
 * jar and the reason, and runs extension calls with a timeout.
 */
module io.flowcraft.plugins {
    requires transitive io.flowcraft.api;
    requires org.slf4j;

    exports io.flowcraft.plugins;
}
