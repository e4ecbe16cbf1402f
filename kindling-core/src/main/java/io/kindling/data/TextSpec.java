package io.kindling.data;

import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A UTF-8 text file for next-token prediction, {@code text(path='corpus.txt', context=64,
 * tokenizer=char, stride=64, test_fraction=0.1)}; see {@link TextData}.
 *
 * @param path the file
 * @param context tokens per example
 * @param tokenizer char or byte
 * @param stride tokens between window starts (≥ 1)
 * @param testFraction share of the tokens held out at the end, in (0, 1)
 */
public record TextSpec(
        Path path, int context, Tokenizer.Kind tokenizer, int stride, double testFraction)
        implements DatasetSpec {

    public TextSpec {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(tokenizer, "tokenizer");
        if (context < 1 || stride < 1 || !(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException(
                    "text needs context >= 1, stride >= 1 and test_fraction in (0, 1)");
        }
    }

    @Override
    public TextData load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new DataException("cannot read text file " + path + ": " + e.getMessage(), e);
        }
        String text = decode(bytes);
        Tokenizer t = tokenizer == Tokenizer.Kind.BYTE ? Tokenizer.bytes() : Tokenizer.chars(text);
        return TextData.of(
                "text",
                path + " (sha256 " + sha256(bytes) + ")",
                text,
                t,
                context,
                stride,
                testFraction);
    }

    private String decode(byte[] bytes) {
        var decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new DataException(
                    path + " is not valid UTF-8 at byte offset " + in.position() + ": " + e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Call toExpr() {
        return CallBuilder.call("text")
                .argQuoted("path", path.toString())
                .arg("context", context)
                .arg("tokenizer", tokenizer.text())
                .arg("stride", stride)
                .arg("test_fraction", testFraction)
                .build();
    }
}
