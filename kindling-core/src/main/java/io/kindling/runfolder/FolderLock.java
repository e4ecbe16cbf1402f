package io.kindling.runfolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One kindling process at a time in a folder: an operating-system lock on the folder's {@value
 * #FILE} file, taken before anything is written there and held until the command's work ends. Two
 * commands started together into one folder would otherwise both pass the "folder already holds a
 * run" check (neither has written yet) and write into each other's files.
 *
 * <p>What it guarantees: while one {@code FolderLock} on a folder is open, every other {@link
 * #acquire} of that folder, from another process on the same machine or from this process, fails at
 * once with a {@link RunFolderException} naming the holder (pid, host, command, start time, as the
 * holder wrote them into {@value #FILE}). The lock is the operating system's ({@link
 * FileChannel#tryLock()}), so it goes with its process: a holder that crashes or is killed with
 * SIGKILL releases it, and {@code kindling train --resume} can take the folder at once, with no
 * stale lock to clear.
 *
 * <p>What it does not: the lock is advisory (it stops only processes that ask for it; an editor or
 * {@code rm} is not stopped), and it is only as good as the file system's locks: dependable on a
 * local disk; on NFS it depends on the server's lock manager (NFSv4, or lockd for v3), and some
 * network or FUSE file systems accept locks without honoring them between machines. On those, do
 * not start runs into one folder from two machines.
 *
 * <p>{@link #close} empties {@value #FILE}, releases the lock and leaves the file in place (a
 * killed holder's facts stay in it until the next holder writes its own). Deleting the file would
 * race: a next process may have opened it and be about to lock it while the holder deletes it; it
 * would then lock a file no longer in the folder while a third process creates a new one and locks
 * that, and both would believe they own the folder. A left lock file holds no lock.
 *
 * <p>Within one process the lock also holds, through a table of the folders this JVM has locked: on
 * Linux, closing <em>any</em> channel to a file drops every lock the process holds on it, so a
 * second acquire here must not even open the file. For the same reason nothing else in a process
 * that holds the lock may open {@value #FILE} (reading it in the holding process releases the
 * lock).
 */
public final class FolderLock implements AutoCloseable {

    /** The lock file's name in the folder. */
    public static final String FILE = ".lock";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The folders this JVM holds, by real path, with their holder's facts. */
    private static final Map<Path, Map<String, Object>> HELD = new HashMap<>();

    private final Path dir;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private FolderLock(Path dir, Path key, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} for this process, creating the folder if needed, and writes the holder's
     * facts into its {@value #FILE}: {@code {"pid", "host", "command", "since"}}.
     *
     * @param dir the folder
     * @param command what holds it, as the user would recognize it ({@code train}, {@code cv},
     *     {@code compare}, {@code tune}, …)
     * @return the held lock: close it when the command's work in {@code dir} ends
     * @throws RunFolderException when another kindling process (or this one) holds the folder,
     *     naming the holder, or when the folder cannot be created or written
     */
    public static FolderLock acquire(Path dir, String command) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new RunFolderException("Output path " + dir + " is a file, not a folder");
        }
        // One acquire or close at a time in this JVM: a channel that failed to lock is closed
        // before
        // another thread here can lock the file, since closing it would drop that thread's lock.
        synchronized (HELD) {
            Path key;
            FileChannel channel;
            try {
                Files.createDirectories(dir);
                key = dir.toRealPath();
                Map<String, Object> holder = HELD.get(key);
                if (holder != null) {
                    throw inUse(dir, holder, command);
                }
                channel =
                        FileChannel.open(
                                dir.resolve(FILE),
                                StandardOpenOption.CREATE,
                                StandardOpenOption.READ,
                                StandardOpenOption.WRITE);
            } catch (IOException | SecurityException e) {
                throw notWritable(dir, e);
            }
            try {
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    Map<String, Object> holder = holder(channel);
                    channel.close();
                    throw inUse(dir, holder, command);
                }
                Map<String, Object> facts = facts(command);
                byte[] bytes =
                        (JSON.writeValueAsString(facts) + "\n").getBytes(StandardCharsets.UTF_8);
                channel.truncate(0);
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                for (long at = 0; buffer.hasRemaining(); ) {
                    at += channel.write(buffer, at);
                }
                channel.force(true);
                HELD.put(key, facts);
                return new FolderLock(dir, key, channel, lock);
            } catch (IOException e) {
                closeQuietly(channel);
                throw notWritable(dir, e);
            }
        }
    }

    /**
     * The OS lock, or null when another process holds it. A lock held through another channel of
     * this JVM (not one of {@link #HELD}: code outside this class) shows as {@link
     * OverlappingFileLockException}, and counts as held too.
     */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /**
     * Empties the lock file and releases the lock; the file stays (see the class comment). Closing
     * twice is harmless.
     */
    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            HELD.remove(key);
            try {
                if (lock.isValid()) {
                    channel.truncate(0); // a next contender never reads this holder's facts
                    lock.release();
                }
                channel.close();
            } catch (IOException e) {
                closeQuietly(channel); // the OS drops the lock with the descriptor anyway
            }
        }
    }

    private static Map<String, Object> facts(String command) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", ProcessHandle.current().pid());
        m.put("host", Owner.current().host());
        m.put("command", command);
        m.put("since", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return m;
    }

    /**
     * The holder's facts. It writes them just after it takes the lock, so a contender that comes in
     * between finds the file empty, or holding the facts of a holder that was killed (a holder that
     * ends clears them): it reads again for up to half a second before it calls the holder unknown.
     */
    private static Map<String, Object> holder(FileChannel channel) {
        for (int attempt = 0; attempt < 100; attempt++) {
            Map<String, Object> facts = read(channel);
            if (!facts.isEmpty() && !deadHere(facts)) {
                return facts;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Map.of();
    }

    /** Whether {@code facts} name a process of this host that no longer runs (left by a kill). */
    private static boolean deadHere(Map<String, Object> facts) {
        try {
            long pid = Long.parseLong(String.valueOf(facts.get("pid")));
            return new Owner(String.valueOf(facts.get("host")), pid, 0).gone();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The facts in the file; empty when it is empty, partial (the holder is between truncating and
     * writing) or unreadable (a system whose locks forbid reading).
     */
    private static Map<String, Object> read(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
                // read on until full or at the end
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            return parse(text);
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** The facts of a lock file's text; empty unless it names at least the pid. */
    static Map<String, Object> parse(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || !n.isObject() || !n.path("pid").canConvertToLong()) {
                return Map.of();
            }
            Map<String, Object> m = new LinkedHashMap<>();
            for (String field : new String[] {"pid", "host", "command", "since"}) {
                if (n.hasNonNull(field)) {
                    m.put(field, n.get(field).asText());
                }
            }
            return m;
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** The holder as the message shows it: {@code pid 1234 on host h, train, since …}. */
    static String describe(Map<String, Object> holder) {
        if (holder.get("pid") == null) {
            return "holder unknown";
        }
        StringBuilder b = new StringBuilder("pid ").append(holder.get("pid"));
        if (holder.get("host") != null) {
            b.append(" on host ").append(holder.get("host"));
        }
        if (holder.get("command") != null) {
            b.append(", ").append(holder.get("command"));
        }
        if (holder.get("since") != null) {
            b.append(", since ").append(holder.get("since"));
        }
        return b.toString();
    }

    private static RunFolderException inUse(Path dir, Map<String, Object> holder, String command) {
        boolean self =
                String.valueOf(ProcessHandle.current().pid())
                        .equals(String.valueOf(holder.get("pid")));
        return new RunFolderException(
                "Run folder "
                        + dir
                        + " is in use by "
                        + (self ? "this kindling process" : "another kindling process")
                        + " ("
                        + describe(holder)
                        + "); wait for it to end"
                        + (command.contains("--resume") ? "" : ", or choose another --out"));
    }

    private static RunFolderException notWritable(Path dir, Exception e) {
        return RunFolderException.because("Output folder " + dir + " is not writable", e);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already failing; the first error is the one reported
        }
    }
}
