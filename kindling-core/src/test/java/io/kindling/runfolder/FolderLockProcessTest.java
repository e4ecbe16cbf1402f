package io.kindling.runfolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FolderLock} between processes: two JVMs released together for the same fresh folder, round
 * after round (the same two JVMs, so the rounds cost milliseconds, not JVM starts), and a holder
 * killed with SIGKILL.
 */
class FolderLockProcessTest {

    static final int ROUNDS = 25;

    @TempDir Path tmp;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    @Timeout(120)
    void ofTwoProcessesRacingForAFolderExactlyOneWinsEveryRound() throws Exception {
        Process a = contender("race", tmp.toString(), String.valueOf(ROUNDS));
        Process b = contender("race", tmp.toString(), String.valueOf(ROUNDS));
        BufferedReader outA = reader(a);
        BufferedReader outB = reader(b);
        assertEquals("READY", outA.readLine(), () -> errors());
        assertEquals("READY", outB.readLine(), () -> errors());
        for (int r = 1; r <= ROUNDS; r++) {
            Files.createFile(tmp.resolve("go-" + r));
            String lineA = outA.readLine();
            String lineB = outB.readLine();
            boolean aWon = ("WON " + r).equals(lineA);
            boolean bWon = ("WON " + r).equals(lineB);
            String context = "round " + r + ": a=" + lineA + " | b=" + lineB + errors();
            assertTrue(aWon ^ bWon, context);
            String lost = aWon ? lineB : lineA;
            long winner = aWon ? a.pid() : b.pid();
            assertTrue(
                    lost.startsWith(
                            "LOST "
                                    + r
                                    + " Run folder "
                                    + tmp.resolve("round-" + r)
                                    + " is in use by another kindling process (pid "
                                    + winner
                                    + " on host "),
                    context);
            assertTrue(lost.contains(", train, since "), context);
            Files.createFile(tmp.resolve("release-" + r));
        }
        assertTrue(a.waitFor(30, TimeUnit.SECONDS) && b.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, a.exitValue(), () -> errors());
        assertEquals(0, b.exitValue(), () -> errors());
    }

    @Test
    @Timeout(60)
    void aHolderKilledWithSigkillLeavesTheFolderFreeAtOnce() throws Exception {
        Path dir = tmp.resolve("run");
        Process holder = contender("hold", dir.toString());
        assertEquals("HELD " + dir, reader(holder).readLine(), () -> errors());
        // this process holds nothing there, so it may read the holder's facts
        JsonNode facts = new ObjectMapper().readTree(dir.resolve(FolderLock.FILE).toFile());
        assertEquals(holder.pid(), facts.get("pid").asLong());
        assertEquals(InetAddress.getLocalHost().getHostName(), facts.get("host").asText());
        assertEquals("train", facts.get("command").asText());
        Instant.parse(facts.get("since").asText());
        // the holder's own failed second acquire did not drop its lock
        String m =
                assertThrows(
                                RunFolderException.class,
                                () -> FolderLock.acquire(dir, "train --resume"))
                        .getMessage();
        assertTrue(
                m.contains("in use by another kindling process (pid " + holder.pid() + " on host"),
                m);
        holder.destroyForcibly();
        assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, holder.exitValue(), "killed by SIGKILL");
        FolderLock.acquire(dir, "train --resume").close();
    }

    private Process contender(String... args) throws IOException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx64m",
                                "-XX:TieredStopAtLevel=1",
                                "-cp",
                                System.getProperty("java.class.path"),
                                FolderLockContender.class.getName()));
        command.addAll(List.of(args));
        Process p =
                new ProcessBuilder(command)
                        .redirectError(tmp.resolve("err-" + started.size() + ".log").toFile())
                        .start();
        started.add(p);
        return p;
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    private String errors() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < started.size(); i++) {
            try {
                b.append("\nstderr of child ").append(i).append(": ");
                b.append(Files.readString(tmp.resolve("err-" + i + ".log")));
            } catch (IOException e) {
                b.append(e);
            }
        }
        return b.toString();
    }
}
