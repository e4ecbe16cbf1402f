package io.kindling.diagnose;

import java.util.List;

/**
 * The result of {@code kindling diagnose}: per-layer statistics and the verdict.
 *
 * @param model the model's expression
 * @param init the initialization's text form
 * @param batch examples in the batch
 * @param loss the loss on the batch at initialization
 * @param layers one entry per weighted layer, input to output
 * @param verdict the verdict with evidence and advice
 * @param blocks the residual stream after each block, input to output (empty without blocks)
 * @param attention each attention's entropy at init, input to output (empty without attention)
 */
public record Diagnosis(
        String model,
        String init,
        int batch,
        double loss,
        List<LayerStats> layers,
        Verdict verdict,
        List<BlockStats> blocks,
        List<AttentionStats> attention) {

    public Diagnosis {
        layers = List.copyOf(layers);
        blocks = List.copyOf(blocks);
        attention = List.copyOf(attention);
    }
}
