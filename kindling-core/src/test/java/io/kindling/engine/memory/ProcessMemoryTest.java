package io.kindling.engine.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Page faults and resident memory are read from /proc, fields counted after the command name. */
class ProcessMemoryTest {

    @TempDir Path tmp;

    @Test
    void faultsAreFieldsTenAndTwelveEvenWhenTheCommandNameHoldsSpacesAndParentheses()
            throws IOException {
        Path stat = tmp.resolve("stat");
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt ...
        Files.writeString(
                stat, "4242 (my (odd) java) S 1 4242 4242 0 -1 4194560 1234 99 7 5 1 2\n");
        assertArrayEquals(new long[] {1234, 7}, ProcessMemory.faults(stat));
        assertArrayEquals(new long[] {-1, -1}, ProcessMemory.faults(tmp.resolve("absent")));
    }

    @Test
    void residentMemoryLinesAreReadInKib() throws IOException {
        Path status = tmp.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n");
        assertEquals(102400, ProcessMemory.statusKib(ProcessMemory.lines(status), "VmRSS:"));
        assertEquals(204800, ProcessMemory.statusKib(ProcessMemory.lines(status), "VmHWM:"));
        assertEquals(-1, ProcessMemory.statusKib(ProcessMemory.lines(status), "VmSwap:"));
        assertEquals(List.of(), ProcessMemory.lines(tmp.resolve("absent")));
    }

    @Test
    void touchingFreshMemoryCountsFaultsAndRaisesThePeak() {
        ProcessMemory before = ProcessMemory.now();
        assertTrue(before.minorFaults() > 0 && before.residentKib() > 0, before.toString());
        assertTrue(before.heapCommittedKib() > 0, before.toString());
        ByteBuffer fresh = ByteBuffer.allocateDirect(64 << 20); // zeroed: every page is touched
        for (int i = 0; i < fresh.capacity(); i += 4096) {
            fresh.put(i, (byte) 1);
        }
        ProcessMemory after = ProcessMemory.now();
        assertTrue(after.faultsSince(before) > 0, before + " then " + after);
        assertTrue(after.peakResidentKib() >= after.residentKib(), after.toString());
        assertTrue(after.peakResidentKib() >= before.residentKib() + 32 * 1024, after.toString());
        assertEquals(-1, new ProcessMemory(-1, -1, -1, -1, 0).faultsSince(before));
    }
}
