package io.kindling.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A checkpoint's {@code manifest.json}: what files it holds, with their sizes and SHA-256.
 *
 * @param name the checkpoint's name when written
 * @param created when it was written, ISO-8601
 * @param files file name → size and hash, in the order written
 */
record Manifest(String name, String created, Map<String, FileEntry> files) {

    static final String FILE_NAME = "manifest.json";
    static final String FORMAT = "kindling-checkpoint";
    static final int VERSION = 1;
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One listed file. */
    record FileEntry(String sha256, long bytes) {}

    byte[] toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        m.put("name", name);
        m.put("created", created);
        Map<String, Object> listed = new LinkedHashMap<>();
        files.forEach(
                (f, e) -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("sha256", e.sha256());
                    entry.put("bytes", e.bytes());
                    listed.put(f, entry);
                });
        m.put("files", listed);
        try {
            return JSON.writeValueAsBytes(m);
        } catch (IOException e) {
            throw new IllegalStateException("maps of strings and numbers always serialize", e);
        }
    }

    /**
     * Checks {@code checkpoint} against its manifest. With {@code contents} non-null, every listed
     * file is read into it (in manifest order) and checked from memory, so what is returned is
     * exactly what was checked.
     */
    static Verification check(Path checkpoint, Map<String, byte[]> contents) {
        if (!Files.isDirectory(checkpoint)) {
            return Verification.corrupt(checkpoint + " is not a folder");
        }
        Manifest manifest;
        try {
            manifest = parse(Files.readAllBytes(checkpoint.resolve(FILE_NAME)));
        } catch (NoSuchFileException e) {
            return Verification.incomplete("no " + FILE_NAME);
        } catch (IOException | IllegalArgumentException e) {
            return Verification.corrupt(FILE_NAME + " unreadable: " + e.getMessage());
        }
        try {
            for (Map.Entry<String, FileEntry> f : manifest.files().entrySet()) {
                String problem = checkFile(checkpoint, f.getKey(), f.getValue(), contents);
                if (problem != null) {
                    return Verification.corrupt(problem);
                }
            }
            List<String> unlisted = new ArrayList<>();
            try (Stream<Path> s = Files.list(checkpoint)) {
                s.map(p -> p.getFileName().toString())
                        .filter(n -> !n.equals(FILE_NAME) && !manifest.files().containsKey(n))
                        .sorted()
                        .forEach(unlisted::add);
            }
            return Verification.ok(unlisted);
        } catch (IOException e) {
            return Verification.corrupt("cannot read: " + e);
        }
    }

    /** The problem with one listed file, or null. */
    private static String checkFile(
            Path checkpoint, String name, FileEntry expected, Map<String, byte[]> contents)
            throws IOException {
        if (!CheckpointNames.isPlain(name)) {
            return FILE_NAME + " lists '" + name + "', which is not a plain file name";
        }
        Path file = checkpoint.resolve(name);
        if (!Files.isRegularFile(file)) {
            return name + " is missing (listed in " + FILE_NAME + ")";
        }
        long size = Files.size(file);
        if (size != expected.bytes()) {
            return name + " has " + size + " bytes, " + FILE_NAME + " says " + expected.bytes();
        }
        String actual;
        if (contents != null) {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != expected.bytes()) {
                return name
                        + " has "
                        + bytes.length
                        + " bytes, "
                        + FILE_NAME
                        + " says "
                        + expected.bytes();
            }
            actual = Durable.sha256(bytes);
            contents.put(name, bytes);
        } else {
            actual = Durable.sha256(file);
        }
        if (!actual.equals(expected.sha256())) {
            return name
                    + " has SHA-256 "
                    + actual
                    + ", "
                    + FILE_NAME
                    + " says "
                    + expected.sha256();
        }
        return null;
    }

    /** Parses manifest bytes; IllegalArgumentException says what is wrong. */
    static Manifest parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String format = root.path("format").asText("");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException(
                    "format is '" + format + "', expected '" + FORMAT + "'");
        }
        JsonNode version = root.path("version");
        if (!version.isInt() || version.intValue() != VERSION) {
            throw new IllegalArgumentException(
                    "version "
                            + version
                            + " is not one this Kindling"
                            + " reads ("
                            + VERSION
                            + ")");
        }
        JsonNode files = root.path("files");
        if (!files.isObject()) {
            throw new IllegalArgumentException("\"files\" must be an object");
        }
        Map<String, FileEntry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode sha = f.getValue().path("sha256");
            JsonNode bytes = f.getValue().path("bytes");
            if (!sha.isTextual()
                    || !sha.textValue().matches("[0-9a-f]{64}")
                    || !bytes.isIntegralNumber()
                    || !bytes.canConvertToLong()
                    || bytes.longValue() < 0) {
                throw new IllegalArgumentException(
                        "entry for '"
                                + f.getKey()
                                + "' needs a 64-hex-digit \"sha256\" and \"bytes\" >= 0, got "
                                + f.getValue());
            }
            entries.put(f.getKey(), new FileEntry(sha.textValue(), bytes.longValue()));
        }
        return new Manifest(root.path("name").asText(""), root.path("created").asText(""), entries);
    }
}
