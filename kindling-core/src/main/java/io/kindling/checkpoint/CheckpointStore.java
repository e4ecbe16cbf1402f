package io.kindling.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The checkpoints of a run: one folder per checkpoint inside {@code dir} (a run's {@code
 * checkpoints/}), written so that a crash or power cut at any moment leaves every checkpoint name
 * pointing at a complete checkpoint or at none.
 *
 * <h2>Format</h2>
 *
 * <pre>
 * checkpoints/
 *   step-000000200/            one folder per checkpoint; names from {@link #stepName(long)}
 *     model.safetensors        any plain-named files the caller writes
 *     manifest.json            written last:
 *       {"format": "kindling-checkpoint", "version": 1, "name": "step-000000200",
 *        "created": "2025-01-01T12:00:00Z",
 *        "files": {"model.safetensors": {"sha256": "9f86…", "bytes": 123}, …}}
 *   best/                      the best evaluation so far; replaced in place
 *   .tmp-step-000000300-1a2b…/ a write in progress (or a crash's leftover)
 *   .old-best/                 the previous "best" during its replacement
 * </pre>
 *
 * <h2>Writing</h2>
 *
 * Each file goes into {@code .tmp-<name>-<random>/} and is forced to the device ({@code
 * FileChannel.force}); then the manifest with every file's size and SHA-256; then the temporary
 * folder itself is synced and renamed atomically to {@code <name>}, and {@code dir} is synced.
 * Replacing an existing {@code <name>} renames it to {@code .old-<name>} first, then renames the
 * new folder in, then deletes the old one. So a crash leaves either the old or the new complete
 * checkpoint: under {@code <name>}, or — between the two renames — under {@code .old-<name>}, which
 * {@link #cleanLeftovers()} renames back. A folder under a final name without a manifest can only
 * come from outside Kindling and is reported as incomplete.
 *
 * <h2>Reading</h2>
 *
 * {@link #verify(Path)} checks every listed file's presence, size and SHA-256; {@link
 * #newestValid(String)} skips corrupt checkpoints and {@link #problems()} describes them. Call
 * {@link #cleanLeftovers()} before resuming; one process writes a folder at a time.
 */
public final class CheckpointStore {

    private final Path dir;

    /** A store over {@code dir}; nothing is created until the first write. */
    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    /** The folder holding the checkpoints. */
    public Path dir() {
        return dir;
    }

    /**
     * A checkpoint folder in the store, and what checking it found.
     *
     * @param name the folder name
     * @param path the folder
     * @param verification the result of {@link CheckpointStore#verify(Path)}
     */
    public record Entry(String name, Path path, Verification verification) {

        /** Whether the checkpoint is complete and intact. */
        public boolean valid() {
            return verification.valid();
        }
    }

    /** {@code "step-"} and {@code step} zero-padded to at least 9 digits: step-000000200. */
    public static String stepName(long step) {
        return CheckpointNames.stepName(step);
    }

    /**
     * Writes the checkpoint {@code <dir>/<name>/} holding {@code files}, atomically, replacing any
     * checkpoint of that name.
     *
     * @param name a plain folder name: letters, digits, '.', '_' and '-', not starting with '.', at
     *     most 200 characters
     * @param files file name → content; plain names as above, {@code manifest.json} is reserved
     * @return the checkpoint folder
     * @throws IllegalArgumentException for a name that is not allowed
     * @throws CheckpointException if the files cannot be written
     */
    public Path write(String name, Map<String, byte[]> files) {
        if (!CheckpointNames.isPlain(name)) {
            throw new IllegalArgumentException(
                    "checkpoint name '"
                            + name
                            + "' is not allowed; use "
                            + CheckpointNames.PLAIN_RULE);
        }
        for (String f : files.keySet()) {
            if (!CheckpointNames.isPlain(f) || f.equals(Manifest.FILE_NAME)) {
                throw new IllegalArgumentException(
                        "checkpoint file name '"
                                + f
                                + "' is not allowed; use "
                                + CheckpointNames.PLAIN_RULE
                                + " ("
                                + Manifest.FILE_NAME
                                + " is reserved)");
            }
        }
        Path target = dir.resolve(name);
        Path old = dir.resolve(CheckpointNames.OLD + name);
        Path tmp =
                dir.resolve(
                        CheckpointNames.TMP
                                + name
                                + "-"
                                + HexFormat.of()
                                        .toHexDigits(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(dir);
            settleOld(name);
            Files.createDirectory(tmp);
            Map<String, Manifest.FileEntry> listed = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Durable.writeSynced(tmp.resolve(f.getKey()), f.getValue());
                listed.put(
                        f.getKey(),
                        new Manifest.FileEntry(Durable.sha256(f.getValue()), f.getValue().length));
            }
            Manifest manifest = new Manifest(name, Instant.now().toString(), listed);
            Durable.writeSynced(tmp.resolve(Manifest.FILE_NAME), manifest.toJson());
            Durable.syncFolder(tmp);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Durable.move(target, old);
            }
            Durable.move(tmp, target);
            Durable.syncFolder(dir);
        } catch (IOException e) {
            try {
                Durable.deleteTree(tmp);
                settleOld(name);
            } catch (IOException ignored) {
                // cleanLeftovers() finishes the job
            }
            throw new CheckpointException("cannot write checkpoint " + target + ": " + e, e);
        }
        try {
            settleOld(name);
        } catch (IOException e) {
            // the new checkpoint is complete; cleanLeftovers() deletes the old copy later
        }
        return target;
    }

    /**
     * Checks a checkpoint folder against its manifest: every listed file present, with the listed
     * size and SHA-256. Unlisted extra files are allowed and named in the result.
     */
    public static Verification verify(Path checkpoint) {
        return Manifest.check(checkpoint, null);
    }

    /**
     * The files of a checkpoint, in the order written, checked against the manifest as they are
     * read (the manifest itself is not included).
     *
     * @throws CheckpointException naming the checkpoint and the problem if it is not valid
     */
    public static Map<String, byte[]> readAll(Path checkpoint) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Verification v = Manifest.check(checkpoint, files);
        if (!v.valid()) {
            throw new CheckpointException(
                    "checkpoint " + checkpoint + " cannot be used: " + v.reason());
        }
        return files;
    }

    /** Every checkpoint folder, by name, with its verification; leftovers are skipped. */
    public List<Entry> list() {
        return names().stream().map(this::entry).toList();
    }

    /**
     * The valid checkpoint named {@code prefix} followed by the highest step number ({@code
     * newestValid("step-")}), skipping corrupt and incomplete ones.
     */
    public Optional<Path> newestValid(String prefix) {
        return stepsNewestFirst(prefix).stream()
                .map(this::entry)
                .filter(Entry::valid)
                .map(Entry::path)
                .findFirst();
    }

    /** Every valid checkpoint named {@code prefix} + step number, the highest step first. */
    public List<Path> validNewestFirst(String prefix) {
        return stepsNewestFirst(prefix).stream()
                .map(this::entry)
                .filter(Entry::valid)
                .map(Entry::path)
                .toList();
    }

    /** The checkpoint called {@code name} ({@code "best"}) if it exists and is valid. */
    public Optional<Path> findValid(String name) {
        Path p = dir.resolve(name);
        return CheckpointNames.isPlain(name) && Files.isDirectory(p) && verify(p).valid()
                ? Optional.of(p)
                : Optional.empty();
    }

    /**
     * One line per checkpoint that cannot be used ({@code "step-000000300: corrupt:
     * model.safetensors has SHA-256 …"}), and per checkpoint that only a {@link #cleanLeftovers()}
     * would bring back. Empty when all is well.
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (Entry e : list()) {
            if (!e.valid()) {
                out.add(e.name() + ": " + e.verification().reason());
            }
        }
        for (String leftover : leftovers()) {
            String name = leftover.substring(CheckpointNames.OLD.length());
            if (leftover.startsWith(CheckpointNames.OLD) && !Files.exists(dir.resolve(name))) {
                out.add(
                        name
                                + ": missing, but "
                                + leftover
                                + " holds it (interrupted "
                                + "replacement); cleanLeftovers() restores it");
            }
        }
        return out;
    }

    /**
     * Keeps the {@code k} newest valid {@code step-<digits>} checkpoints and deletes every {@code
     * step-*} folder older than the oldest of them, corrupt ones included. Corrupt or incomplete
     * folders newer than that are left alone, for {@link #problems()} to report. Other names, such
     * as {@code best}, are never touched.
     *
     * @param k how many to keep, at least 1, so the newest valid checkpoint always stays
     * @throws CheckpointException if a folder cannot be deleted
     */
    public void keepLast(int k) {
        if (k < 1) {
            throw new IllegalArgumentException(
                    "keepLast needs k >= 1 (the newest valid "
                            + "checkpoint is always kept), got "
                            + k);
        }
        int kept = 0;
        for (String name : stepsNewestFirst(CheckpointNames.STEP_PREFIX)) {
            if (kept < k && verify(dir.resolve(name)).valid()) {
                kept++;
            } else if (kept == k) {
                delete(name);
            }
        }
    }

    /**
     * Removes what an interrupted write left: {@code .tmp-*} folders are deleted; an {@code
     * .old-<name>} is renamed back to {@code <name>} if that is missing (the crash came between the
     * two renames of a replacement), else deleted.
     *
     * @throws CheckpointException if a folder cannot be renamed or deleted
     */
    public void cleanLeftovers() {
        try {
            for (String leftover : leftovers()) {
                if (leftover.startsWith(CheckpointNames.OLD)) {
                    settleOld(leftover.substring(CheckpointNames.OLD.length()));
                } else {
                    Durable.deleteTree(dir.resolve(leftover));
                }
            }
            if (Files.isDirectory(dir)) {
                Durable.syncFolder(dir);
            }
        } catch (IOException e) {
            throw new CheckpointException("cannot clean up " + dir + ": " + e, e);
        }
    }

    /** Restores {@code .old-<name>} if {@code <name>} is missing, else deletes it. */
    private void settleOld(String name) throws IOException {
        Path old = dir.resolve(CheckpointNames.OLD + name);
        if (!Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.exists(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
            discard(old);
        } else {
            Durable.move(old, dir.resolve(name));
            Durable.syncFolder(dir);
        }
    }

    /** Deletes a checkpoint: renamed to a {@code .tmp-} name first, so no half stays named. */
    private void delete(String name) {
        try {
            discard(dir.resolve(name));
        } catch (IOException e) {
            throw new CheckpointException(
                    "cannot delete checkpoint " + dir.resolve(name) + ": " + e, e);
        }
    }

    private void discard(Path folder) throws IOException {
        Path doomed =
                dir.resolve(
                        CheckpointNames.TMP
                                + "deleted-"
                                + folder.getFileName()
                                + "-"
                                + HexFormat.of()
                                        .toHexDigits(ThreadLocalRandom.current().nextLong()));
        Durable.move(folder, doomed);
        Durable.syncFolder(dir);
        Durable.deleteTree(doomed);
    }

    private Entry entry(String name) {
        Path p = dir.resolve(name);
        return new Entry(name, p, verify(p));
    }

    /** Names of {@code prefix<digits>} checkpoint folders, highest number first. */
    private List<String> stepsNewestFirst(String prefix) {
        return names().stream()
                .filter(n -> CheckpointNames.number(n, prefix).isPresent())
                .sorted(
                        Comparator.comparingLong(
                                        (String n) -> CheckpointNames.number(n, prefix).getAsLong())
                                .reversed())
                .toList();
    }

    /** Checkpoint folder names (plain names), sorted. */
    private List<String> names() {
        return folders().stream().filter(CheckpointNames::isPlain).sorted().toList();
    }

    /** {@code .tmp-*} and {@code .old-*} folder names. */
    private List<String> leftovers() {
        return folders().stream()
                .filter(n -> n.startsWith(CheckpointNames.TMP) || n.startsWith(CheckpointNames.OLD))
                .sorted()
                .toList();
    }

    private List<String> folders() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString())
                    .toList();
        } catch (IOException e) {
            throw new CheckpointException("cannot list " + dir + ": " + e, e);
        }
    }
}
