package io.kindling.engine.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * This process's page faults and resident memory, from {@code /proc/self/stat} and {@code
 * /proc/self/status} (Linux; elsewhere every figure is -1). A minor page fault is the kernel
 * handing the process a fresh page; a training step that causes thousands of them is paying for an
 * allocator that returned its buffers to the kernel after the previous step (see {@link
 * Allocator}).
 *
 * @param minorFaults minor page faults since the process started
 * @param majorFaults major page faults (the page had to be read from disk)
 * @param residentKib resident memory now, KiB ({@code VmRSS})
 * @param peakResidentKib the most resident memory so far, KiB ({@code VmHWM})
 * @param heapCommittedKib the Java heap the JVM has committed, KiB: part of the resident memory
 *     that grows up to {@code -Xmx} with garbage between collections and is not native memory
 */
public record ProcessMemory(
        long minorFaults,
        long majorFaults,
        long residentKib,
        long peakResidentKib,
        long heapCommittedKib) {

    /** The figures now. */
    public static ProcessMemory now() {
        long[] faults = faults(Path.of("/proc/self/stat"));
        List<String> status = lines(Path.of("/proc/self/status"));
        return new ProcessMemory(
                faults[0],
                faults[1],
                statusKib(status, "VmRSS:"),
                statusKib(status, "VmHWM:"),
                Runtime.getRuntime().totalMemory() / 1024);
    }

    /** Page faults of both kinds since {@code earlier}, or -1 where not measured. */
    public long faultsSince(ProcessMemory earlier) {
        if (minorFaults < 0 || earlier.minorFaults < 0) {
            return -1;
        }
        return minorFaults - earlier.minorFaults + majorFaults - earlier.majorFaults;
    }

    /**
     * The minor and major fault counts of a {@code /proc/PID/stat} file: fields 10 and 12, counted
     * after the command name's closing parenthesis (the name may hold spaces).
     */
    static long[] faults(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state): field k is f[k - 3].
            return new long[] {Long.parseLong(f[7]), Long.parseLong(f[9])};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /** The lines of a file, or none when it cannot be read. */
    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A {@code kB} line of a {@code /proc/PID/status} file's lines, or -1. */
    static long statusKib(List<String> status, String key) {
        for (String line : status) {
            if (line.startsWith(key)) {
                try {
                    return Long.parseLong(line.substring(key.length()).replace("kB", "").trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
