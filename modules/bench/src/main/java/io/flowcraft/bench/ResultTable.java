package io.flowcraft.bench;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints results as an aligned plain-text table, and optionally as JSON lines. A metric with a
 * target shows it in the TARGET column with {@code pass} or {@code FAIL} (targets are goals from the
 * issues, printed for the reader; they never change the exit code), and a summary line follows.
 */
final class ResultTable {

    private static final String[] HEADER = {"SCENARIO", "METRIC", "VALUE", "UNIT", "TARGET"};

    private ResultTable() {
    }

    /** The header line describing the machine and the target. */
    static String machineLine(MachineInfo m, String target) {
        return "# machine: " + m.cores() + " cores (" + m.cpuModel() + "), "
                + (m.memoryMb() < 0 ? "? MB" : m.memoryMb() + " MB") + " RAM, java " + m.javaVersion()
                + "; target: " + target;
    }

    /** Prints one row per metric, then each scenario's failure and notes. */
    static void print(PrintStream out, List<ScenarioResult> results) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ScenarioResult r : results) {
            for (Metric m : r.metrics()) {
                rows.add(new String[] {r.scenario(), m.name(), m.formatted(), m.unit(), target(m)});
            }
            if (r.failure() != null) {
                rows.add(new String[] {r.scenario(), "FAILED", "-", "", ""});
            }
        }
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            String line = pad(row[0], width[0], false) + "  " + pad(row[1], width[1], false) + "  "
                    + pad(row[2], width[2], true) + "  " + pad(row[3], width[3], false) + "  " + row[4];
            out.println(line.stripTrailing());
        }
        String summary = targetSummary(results);
        if (summary != null) {
            out.println(summary);
        }
        for (ScenarioResult r : results) {
            if (r.failure() != null) {
                out.println("! " + r.scenario() + " failed: " + r.failure());
            }
            r.notes().forEach(note -> out.println("! " + r.scenario() + ": " + note));
        }
    }

    /** The TARGET cell of a metric: {@code <= 5 pass}, {@code <= 5 FAIL}, {@code <= 5 n/a}, or empty. */
    static String target(Metric m) {
        if (m.target() == null) {
            return "";
        }
        Boolean met = m.targetMet();
        return m.target().formatted() + " " + (met == null ? "n/a" : met ? "pass" : "FAIL");
    }

    /** {@code # targets: 3 of 4 met; missed: scenario metric (value unit, target <= x)}, or {@code null} without targets. */
    static String targetSummary(List<ScenarioResult> results) {
        int total = 0;
        int met = 0;
        List<String> missed = new ArrayList<>();
        for (ScenarioResult r : results) {
            for (Metric m : r.metrics()) {
                if (m.target() == null) {
                    continue;
                }
                total++;
                if (Boolean.TRUE.equals(m.targetMet())) {
                    met++;
                } else {
                    missed.add(r.scenario() + " " + m.name() + " (" + m.formatted() + " " + m.unit() + ", target "
                            + m.target().formatted() + ")");
                }
            }
        }
        if (total == 0) {
            return null;
        }
        return "# targets (goals, not assertions): " + met + " of " + total + " met"
                + (missed.isEmpty() ? "" : "; missed: " + String.join(", ", missed));
    }

    /** Prints the machine and every metric as JSON lines. */
    static void printJson(PrintStream out, MachineInfo m, String target, List<ScenarioResult> results) {
        out.println(Json.createObjectBuilder()
                .add("machine", Json.createObjectBuilder().add("cores", m.cores()).add("memoryMb", m.memoryMb())
                        .add("cpu", m.cpuModel()).add("java", m.javaVersion()))
                .add("target", target).build());
        for (ScenarioResult r : results) {
            for (Metric metric : r.metrics()) {
                JsonObjectBuilder b = Json.createObjectBuilder().add("scenario", r.scenario())
                        .add("metric", metric.name()).add("unit", metric.unit());
                if (metric.measured() && metric.decimals() == 0) {
                    b.add("value", Math.round(metric.value()));
                } else if (metric.measured()) {
                    b.add("value", metric.value());
                } else {
                    b.addNull("value");
                }
                if (metric.target() != null) {
                    b.add("target", Json.createObjectBuilder().add(metric.target().atMost() ? "max" : "min",
                            metric.target().limit()));
                    Boolean met = metric.targetMet();
                    if (met == null) {
                        b.addNull("targetMet");
                    } else {
                        b.add("targetMet", met);
                    }
                }
                out.println(b.build());
            }
            JsonObjectBuilder status = Json.createObjectBuilder().add("scenario", r.scenario()).add("ok", r.ok())
                    .add("violations", r.violations());
            if (r.failure() != null) {
                status.add("failure", r.failure());
            }
            out.println(status.build());
        }
    }

    private static String pad(String s, int width, boolean right) {
        String spaces = " ".repeat(Math.max(0, width - s.length()));
        return right ? spaces + s : s + spaces;
    }
}
