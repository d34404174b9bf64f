package io.flowcraft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine the bench runs on, printed above the table so figures can be compared.
 *
 * @param cores       available processors
 * @param memoryMb    total memory from {@code /proc/meminfo}, {@code -1} when unknown
 * @param cpuModel    the CPU model name from {@code /proc/cpuinfo}, or {@code unknown}
 * @param javaVersion the bench JVM's {@code java.version}
 */
record MachineInfo(int cores, long memoryMb, String cpuModel, String javaVersion) {

    /** Reads this machine. */
    static MachineInfo detect() {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), memTotalMb(), readCpuModel(),
                System.getProperty("java.version"));
    }

    private static long memTotalMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    private static String readCpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return "unknown";
    }
}
