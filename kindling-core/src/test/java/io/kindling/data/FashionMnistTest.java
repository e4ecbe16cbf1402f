package io.kindling.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kindling.data.FashionMnist.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding and loading Fashion-MNIST: the shipped subset, the full set, and bad folders. */
class FashionMnistTest {

    private static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir Path tmp;

    private static int[] perClass(byte[] labels) {
        int[] counts = new int[10];
        for (byte b : labels) {
            counts[b]++;
        }
        return counts;
    }

    /** A locator that sees only what a test gives it, not this machine. */
    private FullSetLocator nowhere(Path override, String env) {
        return new FullSetLocator(override, env, tmp.resolve("no.list"), tmp.resolve("none"));
    }

    @Test
    void theShippedSubsetHas6000TrainAnd1000TestImagesOf28By28With600And100PerClass() {
        ImageClassificationData d = FashionMnist.loadSubset();
        assertEquals(6000, d.trainSize());
        assertEquals(1000, d.testSize());
        assertEquals(28, d.height());
        assertEquals(28, d.width());
        assertEquals(6000 * 784, d.trainImages().length);
        assertEquals(1000 * 784, d.testImages().length);
        int[] train = new int[10];
        int[] test = new int[10];
        Arrays.fill(train, 600);
        Arrays.fill(test, 100);
        assertArrayEquals(train, perClass(d.trainLabels()));
        assertArrayEquals(test, perClass(d.testLabels()));
        assertEquals("shipped subset (6000/1000)", d.source());
        assertEquals(FashionMnist.CLASS_NAMES, d.classNames());
        assertEquals("Ankle boot", d.classNames().get(9));
    }

    @Test
    void theDebianFullSetReads60000And10000WhenInstalled() {
        assumeTrue(
                Files.isRegularFile(DEBIAN.resolve("train-images-idx3-ubyte.gz")),
                "dataset-fashion-mnist is not installed");
        ImageClassificationData d = FashionMnist.load(Source.FULL, DEBIAN);
        assertEquals(60000, d.trainSize());
        assertEquals(10000, d.testSize());
        assertEquals(60000L * 784, d.trainImages().length);
        assertEquals(DEBIAN + " (full, 60000/10000)", d.source());
        int[] test = new int[10];
        Arrays.fill(test, 1000);
        assertArrayEquals(test, perClass(d.testLabels()));
    }

    @Test
    void theSubsetIsMadeOfImagesOfTheFullSetWithTheirLabels() {
        assumeTrue(
                Files.isRegularFile(DEBIAN.resolve("t10k-images-idx3-ubyte.gz")),
                "dataset-fashion-mnist is not installed");
        ImageClassificationData full = FashionMnist.loadFull(DEBIAN);
        ImageClassificationData subset = FashionMnist.loadSubset();
        // The subset keeps source order, so each subset test image is found at or after the
        // position of the previous one.
        int from = 0;
        for (int i = 0; i < subset.testSize(); i++) {
            while (!sameImage(full, from, subset, i)) {
                from++;
            }
            assertEquals(full.testLabels()[from], subset.testLabels()[i]);
            from++;
        }
    }

    private static boolean sameImage(
            ImageClassificationData full, int f, ImageClassificationData subset, int s) {
        return Arrays.equals(
                full.testImages(),
                f * 784,
                f * 784 + 784,
                subset.testImages(),
                s * 784,
                s * 784 + 784);
    }

    @Test
    void autoUsesTheFullSetFromTheDpkgFileList() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("share/fmnist"));
        IdxFiles.fashionFolder(data, 20, 10);
        Path list =
                Files.writeString(
                        tmp.resolve("dataset-fashion-mnist.list"),
                        String.join(
                                "\n",
                                "/.",
                                "/usr/share/doc/x",
                                data + "/t10k-images-idx3-ubyte.gz",
                                data + "/train-images-idx3-ubyte.gz",
                                ""));
        ImageClassificationData d =
                FashionMnist.load(
                        Source.AUTO, new FullSetLocator(null, null, list, tmp.resolve("none")));
        assertEquals(20, d.trainSize());
        assertEquals(data.toAbsolutePath() + " (full, 20/10)", d.source());
        assertEquals(2, d.height());
        assertEquals(3, d.width());
    }

    @Test
    void theOverrideComesBeforeTheEnvironmentVariable() throws Exception {
        Path a = IdxFiles.fashionFolder(Files.createDirectories(tmp.resolve("a")), 10, 10);
        Path b = IdxFiles.fashionFolder(Files.createDirectories(tmp.resolve("b")), 30, 10);
        assertEquals(10, FashionMnist.load(Source.FULL, nowhere(a, b.toString())).trainSize());
        assertEquals(30, FashionMnist.load(Source.FULL, nowhere(null, b.toString())).trainSize());
    }

    @Test
    void autoFallsBackToTheSubsetWhenNoFullSetIsFound() {
        ImageClassificationData d = FashionMnist.load(Source.AUTO, nowhere(null, null));
        assertEquals("shipped subset (6000/1000)", d.source());
    }

    @Test
    void fullWithNothingFoundSaysHowToGetIt() {
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> FashionMnist.load(Source.FULL, nowhere(null, "")));
        assertTrue(
                e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains(FashionMnist.DIR_ENV), e.getMessage());
    }

    @Test
    void aNamedFolderWithoutTheFilesIsAnErrorEvenForAuto() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> FashionMnist.load(Source.AUTO, nowhere(null, empty.toString())));
        assertTrue(e.getMessage().contains(FashionMnist.DIR_ENV), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
    }

    @Test
    void aLabelOutsideTheClassesNamesTheFileAndTheIndex() {
        Path data = IdxFiles.fashionFolder(tmp, 20, 10);
        byte[] labels = new byte[10];
        labels[7] = 10;
        Path file =
                IdxFiles.write(
                        data.resolve("t10k-labels-idx1-ubyte.gz"),
                        IdxFiles.gzip(IdxFiles.idx(new int[] {10}, labels)));
        DataException e = assertThrows(DataException.class, () -> FashionMnist.loadFull(data));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("label 10 at index 7"), e.getMessage());
    }

    @Test
    void moreLabelsThanImagesIsAnError() {
        Path data = IdxFiles.fashionFolder(tmp, 20, 10);
        IdxFiles.write(
                data.resolve("train-labels-idx1-ubyte.gz"),
                IdxFiles.gzip(IdxFiles.idx(new int[] {21}, new byte[21])));
        DataException e = assertThrows(DataException.class, () -> FashionMnist.loadFull(data));
        assertTrue(e.getMessage().contains("21 labels for the 20 images"), e.getMessage());
    }

    @Test
    void rawFilesWithoutTheGzSuffixAreAcceptedToo() throws Exception {
        Path data = IdxFiles.fashionFolder(tmp, 20, 10);
        for (String name : FullSetLocator.FILES) {
            byte[] gz = Files.readAllBytes(data.resolve(name + ".gz"));
            Files.delete(data.resolve(name + ".gz"));
            // Gzipped content under the raw name: detection is by content, not name.
            Files.write(data.resolve(name), gz);
        }
        assertEquals(20, FashionMnist.loadFull(data).trainSize());
    }

    @Test
    void aMissingFileInAFolderIsNamed() throws Exception {
        Path data = IdxFiles.fashionFolder(tmp, 20, 10);
        Files.delete(data.resolve("t10k-images-idx3-ubyte.gz"));
        DataException e = assertThrows(DataException.class, () -> FashionMnist.loadFull(data));
        assertTrue(
                e.getMessage().contains(data.resolve("t10k-images-idx3-ubyte.gz").toString()),
                e.getMessage());
    }

    @Test
    void subsetIgnoresAnyFolder() {
        assertEquals(
                List.of(6000, 1000),
                List.of(
                        FashionMnist.load(Source.SUBSET, tmp.resolve("nowhere")).trainSize(),
                        FashionMnist.load(Source.SUBSET, tmp.resolve("nowhere")).testSize()));
    }
}
