package io.kindling.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import io.kindling.config.ConfigException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The core of every model: builds a tree of named DJL blocks — sequences, residual blocks (branch +
 * skip), heads — while tracking the {@link ExampleShape} of one example, recording every
 * parameter's {@link ParamContext} and placing {@link Probe}s. The layers themselves come from the
 * layer modules ({@link Dense}, {@link Convolution}, {@link Recurrence}, {@link Embeddings}, {@link
 * Transformer}), each of which describes its own parameters and shape change through the recording
 * methods below; a family chains them:
 *
 * <pre>{@code
 * ModelBuilder b = new ModelBuilder(spec, input).then(Convolution.images());
 * b.then(Convolution.conv("conv1", 6, 5, 1, 2, 1, true, Activation.RELU))
 *         .activate(Activation.RELU)
 *         .then(Convolution.maxPool(2, 2));
 * ...
 * return b.then(Dense.flatten()).then(Dense.linear("fc3", outputs, Activation.IDENTITY)).build();
 * }</pre>
 *
 * Depth indices count weighted layers ({@link #startLayer}) in forward order; each residual branch
 * records L (branches in the model), m (weighted layers in the branch) and the layer's position,
 * for Fixup and other depth-scaled inits. Every parameter is tagged with the residual {@link
 * #BLOCK} it sits in and its {@link #STAGE}.
 */
public final class ModelBuilder {

    /** The dotted name of the residual block a parameter sits in ({@code block=stage2.*}). */
    public static final TagKey BLOCK =
            TagKey.open("block", "the dotted name of the residual block the parameter sits in");

    /** The stage (resolution level) of a convolutional model, 1 for the first. */
    public static final TagKey STAGE =
            TagKey.numbered("stage", "the stage, 1 for the first, 0 outside any stage");

    private final ModelSpec spec;
    private final InputShape input;
    private final SequentialBlock root = new SequentialBlock();
    private final Deque<SequentialBlock> open = new ArrayDeque<>();
    private final List<ParameterRecord> records = new ArrayList<>();
    private final List<Probe> probes = new ArrayList<>();
    private final Map<String, Block> named = new HashMap<>();
    private ExampleShape shape;
    private String block = "";
    private int stage;
    private int layers;
    private String lastLayer;
    private Activation lastAfter = Activation.IDENTITY;
    private int branches;
    private int branch;
    private int branchPosition;
    private int residualBlocks;
    private int branchesDeclared;
    private double widthMultiplier = 1.0;

    /**
     * @param spec the expression being built (named in errors)
     * @param input what one example looks like; the model receives it as a row
     */
    public ModelBuilder(ModelSpec spec, InputShape input) {
        this.spec = spec;
        this.input = input;
        this.shape = new ExampleShape.Row(input.features());
        open.push(root);
    }

    // ---- chaining ----

    /** Adds a layer from a layer module (or a user's own). */
    public ModelBuilder then(Layer layer) {
        layer.addTo(this);
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

    /** A fixed multiplier on the signal (DeepNorm's α on a shortcut, μP's readout multiplier). */
    public ModelBuilder constantScale(double factor) {
        if (factor != 1) {
            add(new ConstantScale(factor));
        }
        return this;
    }

    /**
     * A residual block {@code y = branch(x) + shortcut(x)}. The layers built inside {@code branch}
     * form one residual branch; those built inside {@code shortcut} (a projection, or null for the
     * identity) are outside it. Add the activation after the sum and {@link #stream} after this
     * call.
     *
     * @param name the block's dotted name, e.g. {@code stage2.block1}; its parameters are tagged
     *     {@code block=NAME}
     * @throws IllegalStateException if branch and shortcut end in different shapes
     */
    public ModelBuilder residual(
            String name, Consumer<ModelBuilder> branchBody, Consumer<ModelBuilder> shortcutBody) {
        ExampleShape in = shape;
        String outer = block;
        block = name;
        branch = ++branches;
        branchPosition = 0;
        // A pre-activation at the branch's start, and an activation after the sum, are the
        // block's own: their probes carry the block's name, not the previous or shortcut layer's.
        lastLayer = name;
        SequentialBlock f = nested(branchBody);
        ExampleShape out = shape;
        branch = 0;
        SequentialBlock skip = null;
        if (shortcutBody != null) {
            shape = in;
            skip = nested(shortcutBody);
        }
        if (!shape.equals(out)) {
            throw new IllegalStateException(
                    name
                            + ": branch gives "
                            + out.describe()
                            + " but the shortcut gives "
                            + shape.describe());
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

    /** Sets the stage (resolution level) tagged on the parameters that follow; 0 for none. */
    public ModelBuilder stage(int stage) {
        this.stage = stage;
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

    /** The built model: every parameter's context completed with the model's depth and branches. */
    public Model build() {
        Map<Integer, Integer> perBranch = new HashMap<>();
        for (ParameterRecord r : records) {
            if (r.countsInBranch()) {
                perBranch.merge(r.branch(), 1, Integer::sum);
            }
        }
        Set<String> names = new HashSet<>();
        List<ModelParameter> params = new ArrayList<>();
        for (ParameterRecord r : records) {
            if (!names.add(r.name())) {
                throw new IllegalStateException("two parameters named " + r.name());
            }
            ResidualPosition position =
                    r.branch() > 0
                            ? new ResidualPosition(
                                    branchesDeclared > 0 ? branchesDeclared : branches,
                                    perBranch.get(r.branch()),
                                    r.position())
                            : null;
            params.add(r.finish(layers, position, widthMultiplier));
        }
        return new Model(spec, root, input.batchOfOne(), params, probes, shape);
    }

    // ---- what layers read ----

    /** What one example looks like at this point. */
    public ExampleShape shape() {
        return shape;
    }

    /**
     * The shape at this point, which must be of {@code form}.
     *
     * @param layer the layer that needs it (named in the error)
     * @param need what the layer needs, e.g. {@code a convolution needs images}
     * @throws ConfigException if the shape is of another form
     */
    public <S extends ExampleShape> S expect(Class<S> form, String layer, String need) {
        require(form.isInstance(shape), layer, need);
        return form.cast(shape);
    }

    /** What the data's examples look like. */
    public InputShape input() {
        return input;
    }

    /** The stage being built, 0 outside any. */
    public int currentStage() {
        return stage;
    }

    /** The number of weighted layers so far (the depth index of the latest). */
    public int depth() {
        return layers;
    }

    /** The name of the latest weighted layer (or residual block). */
    public String lastLayer() {
        return lastLayer;
    }

    // ---- what layers do ----

    /** Sets what one example looks like after the layer being added. */
    public void reshape(ExampleShape next) {
        this.shape = next;
    }

    /** Starts a weighted layer: one more depth index, one more position in the current branch. */
    public void startLayer(String name, Activation after) {
        layers++;
        lastLayer = name;
        lastAfter = after;
        if (branch > 0) {
            branchPosition++;
        }
    }

    /** Adds a block at the current position of the tree. */
    public void add(Block b) {
        open.peek().add(b);
    }

    /**
     * Records a parameter of the layer being added, named {@code layer.ROLE} ({@code layer.DJLNAME}
     * for buffers), at the current depth, in the current residual branch (norm parameters sit
     * outside it), tagged with the current block and stage.
     *
     * @param owner the block that holds the parameter
     * @param djlName its name inside the block
     * @param layer the layer's dotted name
     * @param s the parameter's shape, PyTorch layout
     * @param kind the layer kind
     * @param role what the parameter does
     * @param fanIn fan-in of the layer
     * @param fanOut fan-out of the layer
     * @return the record, to add tags or slices to
     */
    public ParameterRecord record(
            Block owner,
            String djlName,
            String layer,
            Shape s,
            LayerKind kind,
            Role role,
            long fanIn,
            long fanOut) {
        String name = layer + "." + (role == Role.BUFFER ? djlName : role.label());
        int b = kind == LayerKind.NORM ? 0 : branch;
        return keep(
                owner.getParameters().get(djlName),
                name,
                s,
                kind,
                role,
                fanIn,
                fanOut,
                b,
                branchPosition);
    }

    /**
     * Records a parameter under a full name, outside any residual branch (a packed recurrent
     * tensor, a scalar gate), at the current depth, tagged with the current block and stage.
     */
    public ParameterRecord recordNamed(
            Parameter parameter,
            String name,
            Shape s,
            LayerKind kind,
            Role role,
            long fanIn,
            long fanOut) {
        return keep(parameter, name, s, kind, role, fanIn, fanOut, 0, 0);
    }

    private ParameterRecord keep(
            Parameter parameter,
            String name,
            Shape s,
            LayerKind kind,
            Role role,
            long fanIn,
            long fanOut,
            int inBranch,
            int position) {
        Tags tags =
                Tags.NONE.with(BLOCK, block).with(STAGE, stage > 0 ? Integer.toString(stage) : "");
        ParameterRecord r =
                new ParameterRecord(
                        parameter, name, s, kind, role, fanIn, fanOut, lastAfter, layers, inBranch,
                        position, tags);
        records.add(r);
        return r;
    }

    /** Adds a probe of {@code kind} on the latest layer's output at this point of the tree. */
    public ModelBuilder observe(ProbeKind kind) {
        add(probe(lastLayer, kind));
        return this;
    }

    /**
     * A probe registered with the model but not placed in the tree: a block that computes several
     * signals inside (attention's projections) observes them itself.
     */
    public Probe probe(String layer, ProbeKind kind) {
        Probe p = new Probe(layer, kind, layers);
        probes.add(p);
        return p;
    }

    /** Keeps a block under a name for a later layer to reuse (an embedding a head is tied to). */
    public void remember(String name, Block b) {
        named.put(name, b);
    }

    /** The block remembered under {@code name}, if it is of {@code type}, else null. */
    public <B extends Block> B recall(String name, Class<B> type) {
        Block b = named.get(name);
        return type.isInstance(b) ? type.cast(b) : null;
    }

    /** Refuses the layer with {@link #error} unless {@code ok}. */
    public void require(boolean ok, String layer, String message) {
        if (!ok) {
            throw error(layer, message);
        }
    }

    /** An error naming the expression, the layer and what reaches it. */
    public ConfigException error(String layer, String message) {
        return new ConfigException(
                spec.print()
                        + ", layer "
                        + layer
                        + " (input "
                        + shape.describe()
                        + "): "
                        + message);
    }

    /** An error about the data the model reads: the expression, then {@code message}. */
    public ConfigException dataError(String message) {
        return new ConfigException(spec.print() + " " + message);
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
}
