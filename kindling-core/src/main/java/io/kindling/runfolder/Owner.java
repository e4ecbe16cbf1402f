package io.kindling.runfolder;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that runs a trial: its host, its process id, and when it started. The start time
 * tells the owner from a later process that happens to get the same id, so a trial whose owner was
 * killed is known dead at once on its own host, without waiting for its heartbeat to go stale.
 *
 * @param host the host name
 * @param pid the process id
 * @param startMillis when the process started (epoch milliseconds), 0 when unknown
 */
public record Owner(String host, long pid, long startMillis) {

    private static final Owner CURRENT = of(ProcessHandle.current());

    /** This process. */
    public static Owner current() {
        return CURRENT;
    }

    private static Owner of(ProcessHandle p) {
        return new Owner(hostName(), p.pid(), startMillis(p));
    }

    private static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** This machine's name: the kernel's, else what the resolver says, else {@code localhost}. */
    public static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | SecurityException e) {
            // not Linux: ask the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Whether the owner runs on this machine. */
    public boolean local() {
        return host.equals(CURRENT.host);
    }

    /**
     * Whether the owner is known to be gone: it ran on this machine and no process has its id now,
     * or the process with its id started at another time (the id was reused). An owner on another
     * machine is never known gone; its heartbeat tells.
     */
    public boolean gone() {
        if (!local()) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return true;
        }
        long started = startMillis(p.get());
        return startMillis != 0 && started != 0 && started != startMillis;
    }

    /** {@code pid 1234 on host h}. */
    @Override
    public String toString() {
        return "pid " + pid + " on " + host;
    }
}
