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
 * @param steps a recurrent network's hidden-state std and input gradient per time step (empty for
 *     other models)
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
        List<StepStats> steps,
        List<AttentionStats> attention) {

    public Diagnosis {
        layers = List.copyOf(layers);
        blocks = List.copyOf(blocks);
        steps = List.copyOf(steps);
        attention = List.copyOf(attention);
    }

    /** A diagnosis of a model that is neither recurrent nor attentive. */
    public Diagnosis(
            String model,
            String init,
            int batch,
            double loss,
            List<LayerStats> layers,
            Verdict verdict,
            List<BlockStats> blocks) {
        this(model, init, batch, loss, layers, verdict, blocks, List.of(), List.of());
    }
}
