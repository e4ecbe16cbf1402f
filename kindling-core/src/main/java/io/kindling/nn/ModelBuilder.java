package io.kindling.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import io.kindling.config.ConfigException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds a model as a tree of named DJL blocks — sequences, residual blocks (branch + skip), heads
 * — while recording every parameter's {@link ParamContext} and placing {@link Probe}s. It tracks
 * the shape of one example through the layers, so it can compute fans as PyTorch does and refuse a
 * layer that cannot fit (a kernel larger than its input, a stride that leaves nothing) before any
 * tensor exists, naming the layer.
 *
 * <p>Every family is a short method over it:
 *
 * <pre>{@code
 * ModelBuilder b = new ModelBuilder(spec, input).image();
 * b.conv("conv1", 6, 5, 1, 2, 1, true, Activation.RELU).activate(Activation.RELU).maxPool(2, 2);
 * ...
 * return b.flatten().linear("fc3", outputs, Activation.IDENTITY).build();
 * }</pre>
 *
 * Depth indices count weighted layers (linear and conv) in forward order; each residual branch
 * records L (branches in the model), m (weighted layers in the branch) and the layer's position,
 * for Fixup and other depth-scaled inits.
 */
public final class ModelBuilder {

    private record Pending(
            Parameter parameter,
            String name,
            Shape shape,
            LayerKind kind,
            Role role,
            long fanIn,
            long fanOut,
            Activation after,
            int depth,
            String block,
            int stage,
            int branch,
            int position,
            String projection) {}

    private final ModelSpec spec;
    private final InputShape input;
    private final SequentialBlock root = new SequentialBlock();
    private final Deque<SequentialBlock> open = new ArrayDeque<>();
    private final List<Pending> pending = new ArrayList<>();
    private final List<Probe> probes = new ArrayList<>();
    private long[] shape;
    private String block = "";
    private int stage;
    private int layers;
    private String lastLayer;
    private Activation lastAfter = Activation.IDENTITY;
    private int branches;
    private int branch;
    private int branchPosition;
    private int residualBlocks;
    private final Map<Parameter, List<String>> gateSlices = new HashMap<>();
    private String projection = "";
    private int branchesDeclared;
    private double widthMultiplier = 1.0;
    private boolean tokenIds;
    private final Map<String, TokenEmbedding> embeddings = new HashMap<>();

    /**
     * @param spec the expression being built (named in errors)
     * @param input what one example looks like
     */
    public ModelBuilder(ModelSpec spec, InputShape input) {
        this.spec = spec;
        this.input = input;
        this.shape = new long[] {input.features()};
        open.push(root);
    }

    /** The shape of one example at this point: {@code [features]} or {@code [c, h, w]}. */
    public long[] shape() {
        return shape.clone();
    }

    /** Channels (images) or features (rows) at this point. */
    public long channels() {
        return shape[0];
    }

    /** Sets the stage (resolution level) recorded for the parameters that follow. */
    public ModelBuilder stage(int stage) {
        this.stage = stage;
        return this;
    }

    /**
     * Views each row as an image (the first block of every convolutional model).
     *
     * @throws ConfigException if the data are a table
     */
    public ModelBuilder image() {
        if (!input.isImage()) {
            throw new ConfigException(
                    spec.print()
                            + " needs images, but the data are a table of "
                            + input.features()
                            + " features; use an image dataset such as fashion-mnist,"
                            + " or mlp(...) or resmlp(...) for tables");
        }
        add(RowView.image(input));
        shape = new long[] {input.channels(), input.height(), input.width()};
        return this;
    }

    /** Flattens an image to a row of c·h·w values (nothing to do on a row). */
    public ModelBuilder flatten() {
        if (shape.length > 1) {
            add(Blocks.batchFlattenBlock());
            shape = new long[] {Arrays.stream(shape).reduce(1, (a, b) -> a * b)};
        }
        return this;
    }

    /**
     * A fully connected layer {@code y = x·Wᵀ + b}, W of shape (units, in).
     *
     * @param name dotted layer name, e.g. {@code fc1}
     * @param units output features
     * @param after the activation that will follow (recorded for gain-aware inits)
     */
    public ModelBuilder linear(String name, long units, Activation after) {
        require(shape.length == 1, name, "a linear layer needs rows; flatten first");
        Linear linear = Linear.builder().setUnits(units).optBias(true).build();
        long in = shape[0];
        startLayer(name, after);
        add(linear);
        record(
                linear,
                "weight",
                name,
                new Shape(units, in),
                LayerKind.LINEAR,
                Role.WEIGHT,
                in,
                units);
        record(linear, "bias", name, new Shape(units), LayerKind.LINEAR, Role.BIAS, in, units);
        shape = new long[] {units};
        return observe(ProbeKind.OUTPUT);
    }

    /**
     * A 2-D convolution with square kernels, PyTorch's {@code nn.Conv2d(in, out, kernel, stride,
     * padding, groups=groups, bias=bias)}. The weight has shape (out, in/groups, k, k); fan-in =
     * in/groups·k², fan-out = out·k² (PyTorch's rule).
     *
     * @throws ConfigException if the kernel is larger than the padded input, or the channels are
     *     not divisible by {@code groups}
     */
    public ModelBuilder conv(
            String name,
            long out,
            int kernel,
            int stride,
            int padding,
            int groups,
            boolean bias,
            Activation after) {
        require(shape.length == 3, name, "a convolution needs images");
        long in = shape[0];
        if (groups < 1 || in % groups != 0 || out % groups != 0) {
            throw error(
                    name,
                    "groups="
                            + groups
                            + " must divide both its input channels ("
                            + in
                            + ") and output channels ("
                            + out
                            + ")");
        }
        long[] hw = window(name, "kernel", kernel, stride, padding);
        long receptive = (long) kernel * kernel;
        Conv2d conv =
                Conv2d.builder()
                        .setFilters((int) out)
                        .setKernelShape(new Shape(kernel, kernel))
                        .optStride(new Shape(stride, stride))
                        .optPadding(new Shape(padding, padding))
                        .optGroups(groups)
                        .optBias(bias)
                        .build();
        startLayer(name, after);
        add(conv);
        long fanIn = in / groups * receptive;
        long fanOut = out * receptive;
        record(
                conv,
                "weight",
                name,
                new Shape(out, in / groups, kernel, kernel),
                LayerKind.CONV,
                Role.WEIGHT,
                fanIn,
                fanOut);
        if (bias) {
            record(conv, "bias", name, new Shape(out), LayerKind.CONV, Role.BIAS, fanIn, fanOut);
        }
        shape = new long[] {out, hw[0], hw[1]};
        return observe(ProbeKind.OUTPUT);
    }

    /**
     * A normalization after the last layer: {@code batch} (over channels for images, over features
     * for rows, PyTorch's {@code BatchNorm2d}/{@code BatchNorm1d}), {@code layer} (rows only), or
     * {@code none}.
     */
    public ModelBuilder norm(Norm kind) {
        if (kind == Norm.NONE) {
            return this;
        }
        require(
                kind == Norm.BATCH || shape.length == 1,
                lastLayer,
                "layer norm is for rows; use norm=batch on images");
        Block norm =
                kind == Norm.BATCH
                        ? BatchNorm.builder().build()
                        : LayerNorm.builder().axis(1).build();
        add(norm);
        String name = lastLayer + "." + kind.text() + "_norm";
        long c = shape[0];
        Shape s = new Shape(c);
        record(norm, "gamma", name, s, LayerKind.NORM, Role.GAIN, c, c);
        record(norm, "beta", name, s, LayerKind.NORM, Role.SHIFT, c, c);
        if (kind == Norm.BATCH) {
            record(norm, "runningMean", name, s, LayerKind.NORM, Role.BUFFER, c, c);
            record(norm, "runningVar", name, s, LayerKind.NORM, Role.BUFFER, c, c);
        }
        return this;
    }

    /** The activation of the last layer, with probes before (pre) and after (post) it. */
    public ModelBuilder activate(Activation activation) {
        observe(ProbeKind.PRE);
        if (!activation.name().equals("identity")) {
            add(activation.block());
        }
        return observe(ProbeKind.POST);
    }

    /** Max pooling with a square window, PyTorch's {@code nn.MaxPool2d(kernel, stride)}. */
    public ModelBuilder maxPool(int kernel, int stride) {
        long[] hw = window("max_pool", "pooling window", kernel, stride, 0);
        add(Pool.maxPool2dBlock(new Shape(kernel, kernel), new Shape(stride, stride)));
        shape = new long[] {shape[0], hw[0], hw[1]};
        return this;
    }

    /** Average pooling with a square window, PyTorch's {@code nn.AvgPool2d(kernel, stride)}. */
    public ModelBuilder avgPool(int kernel, int stride) {
        long[] hw = window("avg_pool", "pooling window", kernel, stride, 0);
        add(Pool.avgPool2dBlock(new Shape(kernel, kernel), new Shape(stride, stride)));
        shape = new long[] {shape[0], hw[0], hw[1]};
        return this;
    }

    /** Global average pooling: each channel's mean over the image, giving a row of c values. */
    public ModelBuilder globalAvgPool() {
        require(shape.length == 3, "global_avg_pool", "global pooling needs images");
        add(Pool.globalAvgPool2dBlock());
        add(Blocks.batchFlattenBlock());
        shape = new long[] {shape[0]};
        return this;
    }

    /**
     * Dropout with drop probability {@code rate}: {@code standard} or {@code alpha} (for SELU).
     * Nothing is added for rate 0.
     */
    public ModelBuilder dropout(double rate, DropoutType type) {
        if (rate > 0) {
            add(type == DropoutType.ALPHA ? new AlphaDropout(rate) : new StandardDropout(rate));
        }
        return this;
    }

    /**
     * A learnable scalar on the signal: a bias ({@code Role.BIAS}, added), a multiplier ({@code
     * Role.SCALE}) or a branch gate ({@code Role.GATE}).
     *
     * @param name dotted name, e.g. {@code stage1.block2.bias1a}
     */
    public ModelBuilder scalar(String name, Role role) {
        ScalarBlock s =
                new ScalarBlock(role == Role.BIAS ? ScalarBlock.Op.ADD : ScalarBlock.Op.MULTIPLY);
        add(s);
        pending.add(
                new Pending(
                        s.value(),
                        name + "." + role.label(),
                        new Shape(1),
                        LayerKind.SCALAR,
                        role,
                        1,
                        1,
                        lastAfter,
                        Math.max(1, layers),
                        block,
                        stage,
                        0,
                        0,
                        ""));
        return this;
    }

    /**
     * A residual block {@code y = branch(x) + shortcut(x)}. The layers built inside {@code branch}
     * form one residual branch; those built inside {@code shortcut} (a projection, or null for the
     * identity) are outside it. Add the activation after the sum and {@link #stream} after this
     * call.
     *
     * @param name the block's dotted name, e.g. {@code stage2.block1}; its parameters are recorded
     *     in this block
     * @throws IllegalStateException if branch and shortcut end in different shapes
     */
    public ModelBuilder residual(
            String name, Consumer<ModelBuilder> branchBody, Consumer<ModelBuilder> shortcutBody) {
        long[] in = shape.clone();
        String outer = block;
        block = name;
        branch = ++branches;
        branchPosition = 0;
        // A pre-activation at the branch's start, and an activation after the sum, are the
        // block's own: their probes carry the block's name, not the previous or shortcut layer's.
        lastLayer = name;
        SequentialBlock f = nested(branchBody);
        long[] out = shape;
        branch = 0;
        SequentialBlock skip = null;
        if (shortcutBody != null) {
            shape = in;
            skip = nested(shortcutBody);
        }
        if (!Arrays.equals(shape, out)) {
            throw new IllegalStateException(
                    name
                            + ": branch gives "
                            + Arrays.toString(out)
                            + " but the shortcut gives "
                            + Arrays.toString(shape));
        }
        block = outer;
        lastLayer = name;
        add(new ResidualBlock(f, skip));
        return this;
    }

    /** A probe on the residual stream after the block just added. */
    public ModelBuilder stream(String blockName) {
        Probe p = new Probe(blockName, ProbeKind.STREAM, ++residualBlocks);
        probes.add(p);
        add(p);
        return this;
    }

    /** The built model: every parameter's context completed with the model's depth and branches. */
    public Model build() {
        Map<Integer, Integer> perBranch = new HashMap<>();
        for (Pending p : pending) {
            if (p.branch > 0 && p.role == Role.WEIGHT) {
                perBranch.merge(p.branch, 1, Integer::sum);
            }
        }
        Set<String> names = new HashSet<>();
        List<ModelParameter> params = new ArrayList<>();
        for (Pending p : pending) {
            if (!names.add(p.name)) {
                throw new IllegalStateException("two parameters named " + p.name);
            }
            ResidualPosition r =
                    p.branch > 0
                            ? new ResidualPosition(
                                    branchesDeclared > 0 ? branchesDeclared : branches,
                                    perBranch.get(p.branch),
                                    p.position)
                            : null;
            ParamContext ctx =
                    new ParamContext(
                            p.name,
                            p.shape,
                            p.kind,
                            p.role,
                            p.fanIn,
                            p.fanOut,
                            p.after,
                            p.depth,
                            layers,
                            r,
                            widthMultiplier,
                            p.block,
                            p.stage,
                            "",
                            p.projection);
            params.add(new ModelParameter(ctx, p.parameter, gateContexts(ctx, p.parameter)));
        }
        return new Model(spec, root, input.batchOfOne(), params, probes);
    }

    // ---- Recurrent layers (issue 13): sequence view, fused RNN/LSTM/GRU, heads, gate slices ----

    /**
     * Views each row as a sequence {@code (steps, perStep)} (the first block of every recurrent
     * model).
     *
     * @throws ConfigException if the data are not a sequence of values
     */
    public ModelBuilder sequence() {
        if (!input.isSequence() || input.isTokens()) {
            throw new ConfigException(
                    spec.print()
                            + " reads a sequence of values, but the data are "
                            + (input.isTokens()
                                    ? input + ", which need an embedding layer first"
                                    : (input.isImage() ? "images of " : "a table of ")
                                            + input
                                            + "; use a sequence dataset (a time series, the"
                                            + " adding problem), or "
                                            + (input.isImage()
                                                    ? "cnn(...) or lenet5 for images"
                                                    : "mlp(...) for tables")));
        }
        add(RowView.sequence(input));
        shape = new long[] {input.steps(), input.perStep()};
        return this;
    }

    // ---- Token sequences and Transformers (issue 14): embeddings, attention, GPT ----

    /**
     * Reads each row as a sequence of token ids {@code (B, steps)} (the first block of every model
     * over tokens; an {@link #embedding} must follow).
     *
     * @throws ConfigException if the data are not token sequences
     */
    public ModelBuilder tokens() {
        if (!input.isTokens()) {
            throw new ConfigException(
                    spec.print()
                            + " reads token sequences, but the data are "
                            + input
                            + "; use a text dataset such as text(path='corpus.txt', context=64)");
        }
        shape = new long[] {input.steps()};
        tokenIds = true;
        return this;
    }

    /**
     * {@code layers} stacked recurrent layers of {@code hidden} units as one fused DJL block, named
     * like PyTorch's {@code nn.LSTM} fields under {@code cell.family()}: {@code weight_ih_lK} (G·H
     * × in), {@code weight_hh_lK} (G·H × H, role recurrent), {@code bias_ih_lK} (role bias), {@code
     * bias_hh_lK} (role recurrent_bias), G the cell's gate blocks. Fans of a packed tensor are
     * PyTorch's (fan-out G·H); each gate slice has the fans of its own H × in block. Each stacked
     * layer is one weighted layer of the depth count.
     */
    public ModelBuilder recurrent(RecurrentCell cell, int hidden, int layers) {
        require(
                shape.length == 2,
                cell.family(),
                "a recurrent layer needs a sequence; call sequence()");
        long h = hidden;
        long rows = cell.blocks() * h;
        Block rnn = cell.block(hidden, layers);
        add(rnn);
        for (int l = 0; l < layers; l++) {
            long in = l == 0 ? shape[1] : h;
            startLayer(cell.family(), cell.activation());
            String p = "l_" + l + "_";
            String k = "_l" + l;
            recordPacked(
                    rnn,
                    p + "i2h_WEIGHT",
                    "weight_ih" + k,
                    new Shape(rows, in),
                    Role.WEIGHT,
                    in,
                    rows,
                    cell);
            recordPacked(
                    rnn,
                    p + "h2h_WEIGHT",
                    "weight_hh" + k,
                    new Shape(rows, h),
                    Role.RECURRENT,
                    h,
                    rows,
                    cell);
            recordPacked(
                    rnn, p + "i2h_BIAS", "bias_ih" + k, new Shape(rows), Role.BIAS, in, rows, cell);
            recordPacked(
                    rnn,
                    p + "h2h_BIAS",
                    "bias_hh" + k,
                    new Shape(rows),
                    Role.RECURRENT_BIAS,
                    h,
                    rows,
                    cell);
        }
        shape = new long[] {shape[0], h};
        return observe(ProbeKind.OUTPUT);
    }

    /** Keeps the last step's hidden state: {@code (steps, H) → (H)}. */
    public ModelBuilder lastStep() {
        require(shape.length == 2, "last_step", "needs a sequence of hidden states");
        add(new LastStep());
        shape = new long[] {shape[1]};
        return this;
    }

    /**
     * An embedding table, PyTorch's {@code nn.Embedding(num, dim)}: token ids {@code (B, T)} become
     * vectors {@code (B, T, dim)}. The weight (num, dim) is recorded as {@link LayerKind#EMBEDDING}
     * with PyTorch's fans for a 2-D weight (fan-in = dim, fan-out = num).
     *
     * @param name layer name, e.g. {@code wte}
     * @param num table rows (the vocabulary)
     * @param dim vector size
     * @param role the parameter's projection, e.g. {@code token_embedding}, or ""
     */
    public ModelBuilder embedding(String name, long num, long dim, String role) {
        require(tokenIds, name, "an embedding reads token ids (call tokens() first)");
        TokenEmbedding e = new TokenEmbedding(num, dim);
        startLayer(name, Activation.IDENTITY);
        add(e);
        withProjection(
                role,
                () ->
                        record(
                                e,
                                "weight",
                                name,
                                new Shape(num, dim),
                                LayerKind.EMBEDDING,
                                Role.WEIGHT,
                                dim,
                                num));
        embeddings.put(name, e);
        shape = new long[] {shape[0], dim};
        tokenIds = false;
        return observe(ProbeKind.OUTPUT);
    }

    /**
     * Learned absolute positions added to a sequence of vectors (GPT-2's {@code wpe}), a table of
     * (context, dim) recorded as an embedding with projection {@code position_embedding}.
     *
     * @throws ConfigException if the sequence is longer than {@code context}
     */
    public ModelBuilder positionEmbedding(String name, long context) {
        require(shape.length == 2, name, "position embeddings need a sequence of vectors");
        require(
                shape[0] <= context,
                name,
                "the data's sequences have "
                        + shape[0]
                        + " steps but the model's context is "
                        + context
                        + "; raise context or shorten the data's examples");
        long dim = shape[1];
        PositionEmbedding p = new PositionEmbedding(context, dim);
        add(p);
        withProjection(
                "position_embedding",
                () ->
                        record(
                                p,
                                "weight",
                                name,
                                new Shape(context, dim),
                                LayerKind.EMBEDDING,
                                Role.WEIGHT,
                                dim,
                                context));
        return this;
    }

    /**
     * A linear layer on the last axis, at every step of a sequence ({@code (steps, H) → (steps,
     * units)}) or on a row; no activation after it.
     */
    public ModelBuilder stepwiseLinear(String name, long units) {
        if (shape.length == 1) {
            return linear(name, units, Activation.IDENTITY);
        }
        return stepLinear(name, units, Activation.IDENTITY, "", true);
    }

    /**
     * A linear layer applied at every step of a sequence, {@code nn.Linear(in, units, bias)} on the
     * last axis: (B, T, in) → (B, T, units).
     *
     * @param role the parameter's projection ({@code mlp_in}, {@code mlp_out}, {@code head}), or ""
     */
    public ModelBuilder stepLinear(
            String name, long units, Activation after, String role, boolean bias) {
        require(shape.length == 2, name, "a step-wise linear layer needs a sequence of vectors");
        Linear linear = Linear.builder().setUnits(units).optBias(bias).build();
        long in = shape[1];
        startLayer(name, after);
        add(linear);
        withProjection(
                role,
                () -> {
                    record(
                            linear,
                            "weight",
                            name,
                            new Shape(units, in),
                            LayerKind.LINEAR,
                            Role.WEIGHT,
                            in,
                            units);
                    if (bias) {
                        record(
                                linear,
                                "bias",
                                name,
                                new Shape(units),
                                LayerKind.LINEAR,
                                Role.BIAS,
                                in,
                                units);
                    }
                });
        shape = new long[] {shape[0], units};
        return observe(ProbeKind.OUTPUT);
    }

    private void recordPacked(
            Block owner,
            String djlName,
            String name,
            Shape s,
            Role role,
            long fanIn,
            long fanOut,
            RecurrentCell cell) {
        Parameter p = owner.getParameters().get(djlName);
        pending.add(
                new Pending(
                        p,
                        cell.family() + "." + name,
                        s,
                        LayerKind.RECURRENT,
                        role,
                        fanIn,
                        fanOut,
                        lastAfter,
                        layers,
                        block,
                        stage,
                        0,
                        0,
                        ""));
        if (!cell.gates().isEmpty()) {
            gateSlices.put(p, cell.gates());
        }
    }

    /**
     * One context per gate block of a packed recurrent parameter, named {@code
     * lstm.weight_hh_l0[forget]}: rows {@code (H, ...)}, fan-out H, the gate set.
     */
    private List<ParamContext> gateContexts(ParamContext whole, Parameter parameter) {
        List<String> gates = gateSlices.get(parameter);
        if (gates == null) {
            return List.of();
        }
        long[] dims = whole.shape().getShape();
        long rows = dims[0] / gates.size();
        long[] slice = dims.clone();
        slice[0] = rows;
        List<ParamContext> out = new ArrayList<>();
        for (String gate : gates) {
            out.add(
                    new ParamContext(
                            whole.name() + "[" + gate + "]",
                            new Shape(slice),
                            whole.layer(),
                            whole.role(),
                            whole.fanIn(),
                            rows,
                            whole.nonlinearity(),
                            whole.depthIndex(),
                            whole.totalDepth(),
                            whole.residual(),
                            whole.widthMultiplier(),
                            whole.block(),
                            whole.stage(),
                            gate,
                            ""));
        }
        return out;
    }

    // ---- end of recurrent layers ----

    /** Layer norm over the features of every step, {@code nn.LayerNorm(dim)} (ε = 1e-5). */
    public ModelBuilder featureNorm(String name) {
        require(shape.length == 2, name, "feature norm needs a sequence of vectors");
        LayerNorm norm = LayerNorm.builder().axis(2).build();
        add(norm);
        long c = shape[1];
        Shape s = new Shape(c);
        record(norm, "gamma", name, s, LayerKind.NORM, Role.GAIN, c, c);
        record(norm, "beta", name, s, LayerKind.NORM, Role.SHIFT, c, c);
        return this;
    }

    /**
     * Causal multi-head self-attention ({@link CausalSelfAttention}); its query, key, value and
     * output projections are four weighted layers in this order, named {@code NAME.query} … {@code
     * NAME.attention_out} with those projections, each with an output probe, and the attention
     * probabilities get an {@link ProbeKind#ATTENTION} probe.
     *
     * @param scale the score multiplier (1/√(width/heads) in standard attention)
     * @throws ConfigException if heads does not divide the width
     */
    public ModelBuilder attention(String name, int heads, double scale) {
        require(shape.length == 2, name, "attention needs a sequence of vectors");
        long width = shape[1];
        if (heads < 1 || width % heads != 0) {
            throw error(
                    name,
                    "width "
                            + width
                            + " is not divisible by heads="
                            + heads
                            + "; pick heads among the divisors of the width");
        }
        Map<String, Probe> seen = new HashMap<>();
        CausalSelfAttention a = new CausalSelfAttention(width, heads, scale, seen);
        for (String role : CausalSelfAttention.PROJECTIONS) {
            String layer = name + "." + role;
            startLayer(layer, Activation.IDENTITY);
            Linear l = a.projection(role);
            withProjection(
                    role,
                    () -> {
                        record(
                                l,
                                "weight",
                                layer,
                                new Shape(width, width),
                                LayerKind.LINEAR,
                                Role.WEIGHT,
                                width,
                                width);
                        record(
                                l,
                                "bias",
                                layer,
                                new Shape(width),
                                LayerKind.LINEAR,
                                Role.BIAS,
                                width,
                                width);
                    });
            Probe p = new Probe(layer, ProbeKind.OUTPUT, layers);
            probes.add(p);
            seen.put(role, p);
        }
        Probe attention = new Probe(name, ProbeKind.ATTENTION, layers);
        probes.add(attention);
        seen.put("attention", attention);
        add(a);
        return this;
    }

    /** A fixed multiplier on the signal (DeepNorm's α on a shortcut, μP's readout multiplier). */
    public ModelBuilder constantScale(double factor) {
        if (factor != 1) {
            add(new ConstantScale(factor));
        }
        return this;
    }

    /**
     * A head tied to an embedding built earlier: logits = multiplier · x·Eᵀ (no parameter of its
     * own).
     */
    public ModelBuilder tiedHead(String embedding, double multiplier) {
        TokenEmbedding e = embeddings.get(embedding);
        require(e != null, "head", "no embedding named " + embedding + " to tie to");
        require(shape.length == 2, "head", "a tied head needs a sequence of vectors");
        long vocab = e.weight().getShape() != null ? e.weight().getShape().get(0) : 0;
        add(new TiedHead(e.weight(), vocab, multiplier));
        shape = new long[] {shape[0], vocab};
        return this;
    }

    /**
     * Declares how many residual branches depth-scaled inits should count ({@link
     * ResidualPosition#branches()}): a Transformer declares its blocks (GPT-2's n_layer, DeepNet's
     * N), though each block adds two branches to the stream.
     */
    public ModelBuilder declareBranches(int count) {
        this.branchesDeclared = count;
        return this;
    }

    /** The width multiplier recorded for every parameter (μP's width / base width). */
    public ModelBuilder widthMultiplier(double multiplier) {
        this.widthMultiplier = multiplier;
        return this;
    }

    private void withProjection(String role, Runnable body) {
        projection = role == null ? "" : role;
        try {
            body.run();
        } finally {
            projection = "";
        }
    }

    private SequentialBlock nested(Consumer<ModelBuilder> body) {
        SequentialBlock seq = new SequentialBlock();
        open.push(seq);
        try {
            body.accept(this);
        } finally {
            open.pop();
        }
        return seq;
    }

    private void startLayer(String name, Activation after) {
        layers++;
        lastLayer = name;
        lastAfter = after;
        if (branch > 0) {
            branchPosition++;
        }
    }

    private ModelBuilder observe(ProbeKind kind) {
        Probe p = new Probe(lastLayer, kind, layers);
        probes.add(p);
        add(p);
        return this;
    }

    private void add(Block b) {
        open.peek().add(b);
    }

    private void record(
            Block owner,
            String djlName,
            String layer,
            Shape s,
            LayerKind kind,
            Role role,
            long fanIn,
            long fanOut) {
        Parameter p = owner.getParameters().get(djlName);
        String name = layer + "." + (role == Role.BUFFER ? djlName : role.label());
        // Norm parameters sit outside the residual position: only weighted layers have one.
        int b = kind == LayerKind.NORM ? 0 : branch;
        pending.add(
                new Pending(
                        p,
                        name,
                        s,
                        kind,
                        role,
                        fanIn,
                        fanOut,
                        lastAfter,
                        layers,
                        block,
                        stage,
                        b,
                        branchPosition,
                        kind == LayerKind.NORM ? "" : projection));
    }

    /** Output height and width of a square window over the current image. */
    private long[] window(String name, String what, int kernel, int stride, int padding) {
        require(shape.length == 3, name, "a " + what + " needs images");
        if (kernel < 1 || stride < 1 || padding < 0) {
            throw error(
                    name,
                    what
                            + " "
                            + kernel
                            + ", stride "
                            + stride
                            + " and padding "
                            + padding
                            + " must be ≥ 1, ≥ 1 and ≥ 0");
        }
        if (stride > 1 && (shape[1] < stride || shape[2] < stride)) {
            throw error(
                    name,
                    "stride "
                            + stride
                            + " on a "
                            + shape[1]
                            + "×"
                            + shape[2]
                            + " input leaves nothing to downsample"
                            + (stage > 1
                                    ? ", so stage "
                                            + stage
                                            + " would be empty; these "
                                            + input.height()
                                            + "×"
                                            + input.width()
                                            + " images fit at most "
                                            + (stage - 1)
                                            + " stages"
                                    : "")
                            + " (use fewer stages or larger images)");
        }
        long h = shape[1] + 2L * padding;
        long w = shape[2] + 2L * padding;
        if (kernel > h || kernel > w) {
            throw error(
                    name,
                    what
                            + " "
                            + kernel
                            + "×"
                            + kernel
                            + " is larger than its input "
                            + shape[1]
                            + "×"
                            + shape[2]
                            + (padding > 0 ? " padded by " + padding : "")
                            + "; it fits inputs of at least "
                            + Math.max(1, kernel - 2 * padding)
                            + "×"
                            + Math.max(1, kernel - 2 * padding)
                            + " (use larger images, fewer stages or"
                            + " a smaller kernel)");
        }
        return new long[] {(h - kernel) / stride + 1, (w - kernel) / stride + 1};
    }

    private void require(boolean ok, String layer, String message) {
        if (!ok) {
            throw error(layer, message);
        }
    }

    private ConfigException error(String layer, String message) {
        return new ConfigException(
                spec.print() + ", layer " + layer + " (input " + describe(shape) + "): " + message);
    }

    private static String describe(long[] s) {
        if (s.length == 2) {
            return s[0] + " steps × " + s[1] + " values";
        }
        if (s.length == 3) {
            return s[0] + "×" + s[1] + "×" + s[2];
        }
        return s[0] + " features";
    }
}
