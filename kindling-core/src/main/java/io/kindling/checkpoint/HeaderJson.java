package io.kindling.checkpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON header of a safetensors file: written byte for byte as {@code serde_json} writes it
 * (compact, the same string escapes), read strictly with Jackson.
 */
final class HeaderJson {

    private static final ObjectMapper JSON =
            new ObjectMapper(
                            JsonFactory.builder()
                                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                                    .build())
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private HeaderJson() {}

    /** One tensor's header entry. */
    record Entry(String name, Dtype dtype, long[] shape, long begin, long end) {}

    /** A parsed header: tensor entries in header order and the metadata strings. */
    record Header(List<Entry> entries, Map<String, String> metadata) {}

    /** Appends {@code "name":{"dtype":..,"shape":[..],"data_offsets":[b,e]}}. */
    static void tensorEntry(StringBuilder json, NamedTensor t, long offset) {
        string(json, t.name())
                .append(":{\"dtype\":\"")
                .append(t.dtype().name())
                .append("\",\"shape\":[");
        long[] shape = t.shape();
        for (int i = 0; i < shape.length; i++) {
            json.append(i == 0 ? "" : ",").append(shape[i]);
        }
        json.append("],\"data_offsets\":[")
                .append(offset)
                .append(',')
                .append(offset + t.data().length)
                .append("]}");
    }

    /** Appends {@code s} as a JSON string with serde_json's escapes. */
    static StringBuilder string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

    /** Parses the {@code length} header bytes at {@code offset}. */
    static Header parse(byte[] bytes, int offset, int length, String source) {
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, offset, length))
                            .toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointException(source + ": header is not valid UTF-8");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            if (msg != null && msg.startsWith("Duplicate field")) {
                throw new CheckpointException(
                        source
                                + ": header names "
                                + msg.substring("Duplicate field ".length())
                                + " twice");
            }
            throw new CheckpointException(
                    source
                            + ": header is not valid JSON: "
                            + msg
                            + (e.getLocation() == null
                                    ? ""
                                    : " (column " + e.getLocation().getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(source + ": header is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(Safetensors.METADATA_KEY)) {
                metadata(field.getValue(), metadata, source);
            } else {
                entries.add(entry(field.getKey(), field.getValue(), source));
            }
        }
        return new Header(entries, metadata);
    }

    private static void metadata(JsonNode node, Map<String, String> into, String source) {
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new CheckpointException(
                    source
                            + ": "
                            + Safetensors.METADATA_KEY
                            + " must be an object of strings, got "
                            + node.getNodeType());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> kv = it.next();
            if (!kv.getValue().isTextual()) {
                throw new CheckpointException(
                        source
                                + ": "
                                + Safetensors.METADATA_KEY
                                + " value '"
                                + kv.getKey()
                                + "' must be a string, got "
                                + kv.getValue().getNodeType());
            }
            into.put(kv.getKey(), kv.getValue().textValue());
        }
    }

    private static Entry entry(String name, JsonNode node, String source) {
        String where = source + ": tensor '" + name + "'";
        if (!node.isObject()) {
            throw new CheckpointException(
                    where
                            + " must be an object with dtype, shape and "
                            + "data_offsets, got "
                            + node.getNodeType());
        }
        JsonNode dtype = node.get("dtype");
        if (dtype == null || !dtype.isTextual()) {
            throw new CheckpointException(where + " has no dtype string");
        }
        Dtype type;
        try {
            type = Dtype.fromHeader(dtype.textValue());
        } catch (CheckpointException e) {
            throw new CheckpointException(where + ": " + e.getMessage());
        }
        long[] shape = naturals(node.get("shape"), -1, where, "shape");
        long[] offsets = naturals(node.get("data_offsets"), 2, where, "data_offsets");
        return new Entry(name, type, shape, offsets[0], offsets[1]);
    }

    /** An array of non-negative integers (of length {@code count} unless it is -1). */
    private static long[] naturals(JsonNode node, int count, String where, String key) {
        String wanted =
                count < 0 ? "an array of integers >= 0" : "an array of " + count + " integers >= 0";
        if (node == null || !node.isArray() || (count >= 0 && node.size() != count)) {
            throw new CheckpointException(
                    where + " " + key + " must be " + wanted + ", got " + node);
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new CheckpointException(
                        where + " " + key + " must be " + wanted + ", got " + node);
            }
            out[i] = v.longValue();
        }
        return out;
    }
}
