package io.kindling.runfolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Default folder names ({@link RunFolder#claimDefault}) are never handed out twice. */
class ClaimDefaultTest {

    @TempDir Path tmp;

    @Test
    void aTakenNameGetsTheNextSuffix() {
        Path runs = tmp.resolve("runs");
        assertEquals(runs.resolve("train-x"), RunFolder.claim(runs, "train-x"));
        assertEquals(runs.resolve("train-x-2"), RunFolder.claim(runs, "train-x"));
        assertEquals(runs.resolve("train-x-3"), RunFolder.claim(runs, "train-x"));
        assertTrue(Files.isDirectory(runs.resolve("train-x-3")));
    }

    @Test
    void claimingTheDefaultTwiceGivesTwoFolders() {
        Path first = RunFolder.claimDefault(tmp, "cv");
        Path second = RunFolder.claimDefault(tmp, "cv");
        assertNotEquals(first, second);
        assertTrue(first.getFileName().toString().matches("cv-\\d{8}-\\d{6}"), first.toString());
        assertTrue(Files.isDirectory(first) && Files.isDirectory(second));
    }

    @Test
    void threadsClaimingOneNameAtOnceEachGetTheirOwn() throws Exception {
        int threads = 8;
        int each = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Path>>> claims = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                claims.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    List<Path> mine = new ArrayList<>();
                                    for (int i = 0; i < each; i++) {
                                        mine.add(RunFolder.claim(tmp, "train-20261208-010203"));
                                    }
                                    return mine;
                                }));
            }
            start.countDown();
            Set<Path> all = new HashSet<>();
            for (Future<List<Path>> f : claims) {
                all.addAll(f.get());
            }
            assertEquals(threads * each, all.size(), "a folder was handed out twice");
        } finally {
            pool.shutdownNow();
        }
    }
}
