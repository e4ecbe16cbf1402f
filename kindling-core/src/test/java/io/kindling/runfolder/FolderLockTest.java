package io.kindling.runfolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FolderLock} within one process; {@link FolderLockProcessTest} has the two-process race and
 * the killed holder.
 */
class FolderLockTest {

    @TempDir Path tmp;

    @Test
    void acquiresReleasesAndAcquiresAgainLeavingTheLockFile() throws IOException {
        Path dir = tmp.resolve("a/b");
        try (FolderLock lock = FolderLock.acquire(dir, "train")) {
            assertEquals(dir, lock.dir());
            assertTrue(Files.isDirectory(dir), "the folder is created");
        }
        try (FolderLock again = FolderLock.acquire(dir, "cv")) {
            assertEquals(dir, again.dir());
        }
        assertTrue(Files.exists(dir.resolve(FolderLock.FILE)), "the lock file stays");
        // read only now: opening the lock file in the holding process would drop its lock
        assertEquals(0, Files.size(dir.resolve(FolderLock.FILE)), "emptied by its holder");
    }

    @Test
    void aSecondAcquireInThisProcessFailsNamingTheFolderAndTheHolder() {
        Path dir = tmp.resolve("run");
        try (FolderLock held = FolderLock.acquire(dir, "train")) {
            RunFolderException e =
                    assertThrows(RunFolderException.class, () -> FolderLock.acquire(dir, "cv"));
            String m = e.getMessage();
            assertTrue(
                    m.startsWith("Run folder " + dir + " is in use by this kindling process"), m);
            assertTrue(m.contains("(pid " + ProcessHandle.current().pid() + " on host "), m);
            assertTrue(m.contains(", train, since "), m);
            assertTrue(m.endsWith("; wait for it to end, or choose another --out"), m);
            // the same folder by another spelling is the same folder
            Path other = dir.resolve("../run");
            assertThrows(RunFolderException.class, () -> FolderLock.acquire(other, "cv"));
        }
        FolderLock.acquire(dir, "cv").close();
    }

    @Test
    void aResumeIsNotToldToChooseAnotherOut() {
        Path dir = tmp.resolve("run");
        try (FolderLock held = FolderLock.acquire(dir, "train")) {
            String m =
                    assertThrows(
                                    RunFolderException.class,
                                    () -> FolderLock.acquire(dir, "train --resume"))
                            .getMessage();
            assertTrue(m.endsWith("; wait for it to end"), m);
        }
    }

    @Test
    void anEmptyOrPartialLockFileGivesHolderUnknown() {
        assertEquals(Map.of(), FolderLock.parse(""));
        assertEquals(Map.of(), FolderLock.parse("{\"pid\":12"));
        assertEquals(Map.of(), FolderLock.parse("{\"host\":\"h\"}"));
        assertEquals(Map.of(), FolderLock.parse("not json"));
        assertEquals("holder unknown", FolderLock.describe(Map.of()));
        assertEquals(
                "pid 12 on host h, train, since 2026-12-08T01:02:03Z",
                FolderLock.describe(
                        FolderLock.parse(
                                "{\"pid\":12,\"host\":\"h\",\"command\":\"train\","
                                        + "\"since\":\"2026-12-08T01:02:03Z\"}\n")));
        assertEquals("pid 12", FolderLock.describe(FolderLock.parse("{\"pid\":12}")));
    }

    @Test
    void aLockFileLeftByAKilledHolderDoesNotLock() throws IOException {
        Path dir = tmp.resolve("left");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(FolderLock.FILE), "{\"pid\":1,\"host\":\"gone\"}\n{{{");
        FolderLock.acquire(dir, "train").close();
    }

    @Test
    void aFileInPlaceOfTheFolderIsRefused() throws IOException {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        String m =
                assertThrows(RunFolderException.class, () -> FolderLock.acquire(file, "train"))
                        .getMessage();
        assertTrue(m.contains("is a file, not a folder"), m);
        String below =
                assertThrows(
                                RunFolderException.class,
                                () -> FolderLock.acquire(file.resolve("run"), "train"))
                        .getMessage();
        assertTrue(below.contains("a-file") && below.contains("not writable"), below);
    }

    @Test
    void closingTwiceIsHarmless() {
        Path dir = tmp.resolve("twice");
        FolderLock lock = FolderLock.acquire(dir, "train");
        lock.close();
        FolderLock other = FolderLock.acquire(dir, "train");
        lock.close(); // must not release the other's lock
        assertThrows(RunFolderException.class, () -> FolderLock.acquire(dir, "train"));
        other.close();
    }
}
