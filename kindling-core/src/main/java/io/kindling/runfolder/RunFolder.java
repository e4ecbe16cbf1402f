package io.kindling.runfolder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * A run's folder: {@code config.yaml} (the resolved configuration), {@code provenance.json}
 * (versions, seed, threads, times, machine) and {@code metrics.jsonl}. Files are written to a
 * temporary name, synced and renamed, so a crash leaves either the old or the new file. One process
 * at a time writes a folder: whoever writes one holds its {@link FolderLock} first.
 */
public final class RunFolder {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML =
            new ObjectMapper(
                    new YAMLFactory()
                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final Path dir;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Claims a new folder for a command's default output, {@code parent/<prefix>-<yyyyMMdd-HHmmss>}
     * (local time), creating it; when that name is taken (another run started in the same second,
     * in this process or another) {@code <name>-2}, {@code <name>-3}, … The name is claimed by
     * creating the folder, which succeeds for one caller only, so two callers never get the same
     * folder. Call it once per run: each call claims another folder.
     *
     * @param parent the folder to create it in (created if needed), e.g. {@code runs}
     * @param prefix the command, e.g. {@code train}
     * @return the new, empty folder
     * @throws RunFolderException when {@code parent} cannot be written
     */
    public static Path claimDefault(Path parent, String prefix) {
        return claim(
                parent, prefix + "-" + LocalDateTime.now(ZoneId.systemDefault()).format(STAMP));
    }

    /** Creates {@code parent/name}, or the first of {@code name-2}, {@code name-3}, … not taken. */
    static Path claim(Path parent, String name) {
        try {
            Files.createDirectories(parent);
            for (int i = 1; ; i++) {
                Path candidate = parent.resolve(i == 1 ? name : name + "-" + i);
                try {
                    Files.createDirectory(candidate);
                    return candidate;
                } catch (FileAlreadyExistsException e) {
                    // taken: try the next suffix
                }
            }
        } catch (IOException | SecurityException e) {
            throw RunFolderException.because("Cannot create a folder in " + parent, e);
        }
    }

    /**
     * Creates a new run folder, refusing one that already holds a run, and checks that it is
     * writable before any training starts. The caller holds the folder's {@link FolderLock} (taken
     * first, so that of two processes racing for one folder, one gets the lock and the other its
     * error, instead of both passing this check before either has written).
     *
     * @param dir the folder
     * @return the run folder
     * @throws RunFolderException when the folder cannot be used, with a message saying why
     */
    public static RunFolder create(Path dir) {
        if (Files.exists(dir.resolve("metrics.jsonl"))) {
            throw new RunFolderException(
                    "Output folder "
                            + dir
                            + " already holds a run (metrics.jsonl); choose another --out or remove it");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new RunFolderException("Output path " + dir + " is a file, not a folder");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw RunFolderException.because("Output folder " + dir + " is not writable", e);
        }
        return new RunFolder(dir);
    }

    /**
     * An existing run folder, to resume or inspect: it must hold {@code config.yaml}. Reading needs
     * no lock; a caller that writes (a resume) holds the folder's {@link FolderLock}.
     *
     * @throws RunFolderException naming the folder and what is missing
     */
    public static RunFolder open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RunFolderException("Run folder " + dir + " does not exist");
        }
        if (!Files.isRegularFile(dir.resolve("config.yaml"))) {
            throw new RunFolderException(dir + " is not a run folder (it has no config.yaml)");
        }
        return new RunFolder(dir);
    }

    /** The resolved configuration file. */
    public Path config() {
        return dir.resolve("config.yaml");
    }

    /** The checkpoints folder. */
    public Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    /** Writes what the data preprocessing did and fitted ({@code data.json}), if anything. */
    public void writeData(Map<String, Object> preprocessing) {
        if (!preprocessing.isEmpty()) {
            write("data.json", () -> JSON.writeValueAsBytes(preprocessing));
        }
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** The metrics log path. */
    public Path metrics() {
        return dir.resolve("metrics.jsonl");
    }

    /** Writes the resolved configuration as YAML. */
    public void writeConfig(Map<String, Object> config) {
        write("config.yaml", () -> YAML.writeValueAsBytes(config));
    }

    /** Writes the provenance record as JSON. */
    public void writeProvenance(Map<String, Object> provenance) {
        write("provenance.json", () -> JSON.writeValueAsBytes(provenance));
    }

    private interface Bytes {
        byte[] get() throws IOException;
    }

    private void write(String name, Bytes content) {
        Path target = dir.resolve(name);
        try {
            AtomicFile.write(target, content.get());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
