package io.kindling.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing, verifying, listing, pruning and recovering checkpoint folders. */
class CheckpointStoreTest {

    @TempDir Path tmp;

    private Path dir() {
        return tmp.resolve("checkpoints");
    }

    private CheckpointStore store() {
        return new CheckpointStore(dir());
    }

    private static Map<String, byte[]> files(String tag) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("model.safetensors", ("weights of " + tag).getBytes(StandardCharsets.UTF_8));
        files.put("optimizer.bin", ("moments of " + tag).getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private List<String> folderNames() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeLeavesAFolderWithAManifestOfSizesAndHashes() throws Exception {
        Map<String, byte[]> files = files("step 200");
        Path cp = store().write(CheckpointStore.stepName(200), files);

        assertEquals(dir().resolve("step-000000200"), cp);
        assertEquals(List.of("step-000000200"), folderNames()); // no .tmp- left behind
        JsonNode m = new ObjectMapper().readTree(cp.resolve("manifest.json").toFile());
        assertEquals("kindling-checkpoint", m.get("format").textValue());
        assertEquals(1, m.get("version").intValue());
        assertEquals("step-000000200", m.get("name").textValue());
        Instant.parse(m.get("created").textValue());
        assertEquals(
                List.of("model.safetensors", "optimizer.bin"),
                List.copyOf(iterable(m.get("files").fieldNames())));
        for (var f : files.entrySet()) {
            JsonNode entry = m.get("files").get(f.getKey());
            assertEquals(sha256(f.getValue()), entry.get("sha256").textValue());
            assertEquals(f.getValue().length, entry.get("bytes").longValue());
            assertArrayEquals(f.getValue(), Files.readAllBytes(cp.resolve(f.getKey())));
        }
        assertTrue(CheckpointStore.verify(cp).valid());
        List<CheckpointStore.Entry> list = store().list();
        assertEquals(1, list.size());
        assertEquals("step-000000200", list.get(0).name());
        assertTrue(list.get(0).valid());
        Map<String, byte[]> back = CheckpointStore.readAll(cp);
        assertEquals(List.copyOf(files.keySet()), List.copyOf(back.keySet()));
        files.forEach((k, v) -> assertArrayEquals(v, back.get(k)));
        assertEquals(List.of(), store().problems());
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void oneFlippedByteIsCorruptionNamingTheFileAndBothHashes() throws Exception {
        Path cp = store().write("step-000000100", files("a"));
        Path model = cp.resolve("model.safetensors");
        byte[] good = Files.readAllBytes(model);
        byte[] bad = good.clone();
        bad[3] ^= 0x01;
        Files.write(model, bad);

        Verification v = CheckpointStore.verify(cp);
        assertEquals(Verification.Status.CORRUPT, v.status());
        assertTrue(v.reason().startsWith("corrupt: model.safetensors "), v.reason());
        assertTrue(v.reason().contains(sha256(good)), v.reason());
        assertTrue(v.reason().contains(sha256(bad)), v.reason());
        var e = assertThrows(CheckpointException.class, () -> CheckpointStore.readAll(cp));
        assertTrue(e.getMessage().contains(cp.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
    }

    @Test
    void aMissingManifestMeansIncomplete() throws IOException {
        Path cp = store().write("step-000000100", files("a"));
        Files.delete(cp.resolve("manifest.json"));
        Verification v = CheckpointStore.verify(cp);
        assertEquals(Verification.Status.INCOMPLETE, v.status());
        assertEquals("incomplete: no manifest.json", v.reason());
        assertEquals(List.of("step-000000100: incomplete: no manifest.json"), store().problems());
    }

    @Test
    void aTruncatedFileIsASizeMismatch() throws IOException {
        Path cp = store().write("step-000000100", files("a"));
        Path opt = cp.resolve("optimizer.bin");
        byte[] b = Files.readAllBytes(opt);
        Files.write(opt, Arrays.copyOf(b, b.length - 2));
        assertEquals(
                "corrupt: optimizer.bin has "
                        + (b.length - 2)
                        + " bytes, manifest.json says "
                        + b.length,
                CheckpointStore.verify(cp).reason());
    }

    @Test
    void aMissingListedFileOrABrokenManifestIsCorrupt() throws IOException {
        Path cp = store().write("step-000000100", files("a"));
        Files.delete(cp.resolve("optimizer.bin"));
        assertEquals(
                "corrupt: optimizer.bin is missing (listed in manifest.json)",
                CheckpointStore.verify(cp).reason());

        Path cp2 = store().write("step-000000200", files("b"));
        Files.writeString(cp2.resolve("manifest.json"), "{\"format\": \"kindling-checkpoint\", ");
        Verification v = CheckpointStore.verify(cp2);
        assertEquals(Verification.Status.CORRUPT, v.status());
        assertTrue(
                v.reason().startsWith("corrupt: manifest.json unreadable: not valid JSON"),
                v.reason());
        Files.writeString(
                cp2.resolve("manifest.json"),
                "{\"format\": \"kindling-checkpoint\", " + "\"version\": 2, \"files\": {}}");
        assertTrue(CheckpointStore.verify(cp2).reason().contains("version 2"));
    }

    @Test
    void extraUnlistedFilesAreReportedButHarmless() throws IOException {
        Path cp = store().write("step-000000100", files("a"));
        Files.writeString(cp.resolve("notes.txt"), "added by hand");
        Verification v = CheckpointStore.verify(cp);
        assertTrue(v.valid());
        assertEquals(List.of("notes.txt"), v.unlisted());
        assertFalse(CheckpointStore.readAll(cp).containsKey("notes.txt"));
    }

    @Test
    void leftoverTempFoldersAreIgnoredThenCleaned() throws IOException {
        store().write("step-000000100", files("a"));
        Path crashed = dir().resolve(".tmp-step-000000200-0123456789abcdef");
        Files.createDirectories(crashed);
        Files.writeString(crashed.resolve("model.safetensors"), "half of it");

        assertEquals(
                List.of("step-000000100"),
                store().list().stream().map(CheckpointStore.Entry::name).toList());
        assertEquals(dir().resolve("step-000000100"), store().newestValid("step-").orElseThrow());
        store().cleanLeftovers();
        assertEquals(List.of("step-000000100"), folderNames());
    }

    @Test
    void anOldCopyWithoutItsReplacementIsRestored() throws IOException {
        Path best = store().write("best", files("v1"));
        // a crash between "best -> .old-best" and ".tmp-best-… -> best"
        Files.move(best, dir().resolve(".old-best"));
        Files.createDirectories(dir().resolve(".tmp-best-00000000000000ff"));

        assertEquals(Optional.empty(), store().findValid("best"));
        List<String> problems = store().problems();
        assertEquals(1, problems.size());
        assertTrue(
                problems.get(0).startsWith("best: missing, but .old-best holds it"),
                problems.get(0));
        store().cleanLeftovers();
        assertEquals(List.of("best"), folderNames());
        assertArrayEquals(
                files("v1").get("model.safetensors"),
                CheckpointStore.readAll(store().findValid("best").orElseThrow())
                        .get("model.safetensors"));
    }

    @Test
    void anOldCopyBesideItsReplacementIsDeleted() throws IOException {
        store().write("best", files("v2"));
        Path old = store().write("spare", files("v1"));
        Files.move(old, dir().resolve(".old-best"));
        store().cleanLeftovers();
        assertEquals(List.of("best"), folderNames());
        assertArrayEquals(
                files("v2").get("optimizer.bin"),
                CheckpointStore.readAll(dir().resolve("best")).get("optimizer.bin"));
    }

    @Test
    void replacingACheckpointLeavesOnlyTheNewOne() throws IOException {
        store().write("best", files("v1"));
        Path best = store().write("best", files("v2"));
        assertEquals(List.of("best"), folderNames());
        assertArrayEquals(
                files("v2").get("model.safetensors"),
                CheckpointStore.readAll(best).get("model.safetensors"));
    }

    @Test
    void writingOverAnInterruptedReplacementSettlesItFirst() throws IOException {
        Path best = store().write("best", files("v1"));
        Files.move(best, dir().resolve(".old-best"));
        store().write("best", files("v3"));
        assertEquals(List.of("best"), folderNames());
        assertArrayEquals(
                files("v3").get("model.safetensors"),
                CheckpointStore.readAll(best).get("model.safetensors"));
    }

    @Test
    void newestValidSkipsANewerCorruptOne() throws IOException {
        for (long step : new long[] {100, 200, 300}) {
            store().write(CheckpointStore.stepName(step), files("s" + step));
        }
        store().write("best", files("best"));
        store().write("step-latest", files("not a number"));
        Path newest = dir().resolve("step-000000300");
        Files.writeString(newest.resolve("model.safetensors"), "garbage");

        assertEquals(Optional.of(dir().resolve("step-000000200")), store().newestValid("step-"));
        List<String> problems = store().problems();
        assertEquals(1, problems.size());
        assertTrue(
                problems.get(0).startsWith("step-000000300: corrupt: model.safetensors"),
                problems.get(0));
        assertEquals(
                Optional.empty(), new CheckpointStore(tmp.resolve("none")).newestValid("step-"));
    }

    @Test
    void stepNumbersOrderNumericallyNotAlphabetically() throws IOException {
        store().write(CheckpointStore.stepName(999_999_999), files("a"));
        store().write(CheckpointStore.stepName(1_000_000_000L), files("b"));
        assertEquals("step-1000000000", CheckpointStore.stepName(1_000_000_000L));
        assertEquals(Optional.of(dir().resolve("step-1000000000")), store().newestValid("step-"));
    }

    @Test
    void keepLastKeepsTheNewestValidAndNeverBest() throws IOException {
        for (long step = 100; step <= 600; step += 100) {
            store().write(CheckpointStore.stepName(step), files("s" + step));
        }
        store().write("best", files("best"));
        Files.writeString(dir().resolve("step-000000600/model.safetensors"), "corrupt");
        Files.writeString(dir().resolve("step-000000200/model.safetensors"), "corrupt");

        store().keepLast(2);
        // 500 and 400 are the two newest valid; 600 is newer (kept, reported); older go
        assertEquals(
                List.of("best", "step-000000400", "step-000000500", "step-000000600"),
                folderNames());
        assertEquals(1, store().problems().size());

        store().keepLast(1);
        assertEquals(List.of("best", "step-000000500", "step-000000600"), folderNames());
        assertThrows(IllegalArgumentException.class, () -> store().keepLast(0));
    }

    @Test
    void namesThatAreNotPlainAreRefused() {
        for (String bad :
                new String[] {
                    "a/b", "../x", "..", ".", "", "manifest.json", ".hidden", "a\\b", "x\0y"
                }) {
            var e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> store().write("step-000000001", Map.of(bad, new byte[1])),
                            bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        for (String bad : new String[] {"a/b", "..", ".tmp-x", ".old-best", ""}) {
            assertThrows(IllegalArgumentException.class, () -> store().write(bad, files("a")), bad);
        }
        assertFalse(Files.exists(dir()));
        assertThrows(IllegalArgumentException.class, () -> CheckpointStore.stepName(-1));
    }
}
