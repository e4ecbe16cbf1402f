package io.kindling.runfolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * A process that contends for run folders, run by {@link FolderLockProcessTest}.
 *
 * <ul>
 *   <li>{@code race BASE ROUNDS}: prints {@code READY}; then for each round r waits for the file
 *       {@code BASE/go-r}, locks and creates the run folder {@code BASE/round-r} and prints {@code
 *       WON r}, holding the lock until {@code BASE/release-r} appears, or prints {@code LOST r
 *       MESSAGE}.
 *   <li>{@code hold DIR}: locks {@code DIR}, checks that a second acquire in this process fails
 *       (and, by the test's next step, that it did not drop the lock), prints {@code HELD} and
 *       sleeps until killed.
 * </ul>
 */
public final class FolderLockContender {

    private FolderLockContender() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("hold")) {
            hold(Path.of(args[1]));
        } else {
            race(Path.of(args[1]), Integer.parseInt(args[2]));
        }
    }

    private static void race(Path base, int rounds) throws Exception {
        // warm up: the classes a round uses are loaded before the first start signal
        Path warm = base.resolve("warm-" + ProcessHandle.current().pid());
        FolderLock.acquire(warm, "warm-up").close();
        RunFolder.create(warm);
        System.out.println("READY");
        System.out.flush();
        for (int r = 1; r <= rounds; r++) {
            waitFor(base.resolve("go-" + r));
            Path dir = base.resolve("round-" + r);
            FolderLock lock;
            try {
                lock = FolderLock.acquire(dir, "train");
                RunFolder.create(dir);
                Files.writeString(dir.resolve("metrics.jsonl"), "{}\n");
            } catch (RunFolderException e) {
                System.out.println("LOST " + r + " " + e.getMessage());
                System.out.flush();
                continue;
            }
            System.out.println("WON " + r);
            System.out.flush();
            waitFor(base.resolve("release-" + r));
            lock.close();
        }
    }

    private static void hold(Path dir) throws InterruptedException {
        FolderLock lock = FolderLock.acquire(dir, "train");
        try {
            FolderLock.acquire(dir, "train").close();
            System.out.println("SECOND ACQUIRE SUCCEEDED");
            return;
        } catch (RunFolderException expected) {
            // in use by this process, as it must be
        }
        System.out.println("HELD " + lock.dir());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Polls every 0.1 ms, so that two processes waiting for one file wake close together. */
    private static void waitFor(Path file) {
        while (!Files.exists(file)) {
            LockSupport.parkNanos(100_000);
        }
    }
}
