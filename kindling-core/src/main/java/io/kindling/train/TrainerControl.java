package io.kindling.train;

import ai.djl.ndarray.NDArray;
import io.kindling.engine.Compute;
import io.kindling.nn.ModelParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link Trainer}'s {@link RunControl}: what its rules may do to the run. */
final class TrainerControl implements RunControl {

    private final Trainer trainer;
    private boolean rewound;

    TrainerControl(Trainer trainer) {
        this.trainer = trainer;
    }

    @Override
    public void applyLrFactor() {
        trainer.applyLrFactor();
    }

    @Override
    public List<NDArray> copyWeights() {
        return copies(trainer.model().parameters().stream().map(ModelParameter::array).toList());
    }

    @Override
    public void restoreWeights(List<NDArray> copies) {
        List<ModelParameter> params = trainer.model().parameters();
        for (int i = 0; i < copies.size(); i++) {
            Compute.copy(copies.get(i), params.get(i).array());
        }
    }

    @Override
    public Map<String, Object> evaluate() {
        return trainer.evaluate();
    }

    @Override
    public void record(long step, int epoch, Map<String, Object> metrics) {
        trainer.record(step, epoch, metrics);
    }

    @Override
    public void saveCheckpoint(String name) {
        trainer.save(name, false);
    }

    @Override
    public Optional<Map<String, byte[]>> newestCheckpoint() {
        return trainer.newestCheckpoint();
    }

    @Override
    public void restore(Map<String, byte[]> files) {
        trainer.restore(files);
        rewound = true;
    }

    /** Whether a rule restored a checkpoint since the last call (which clears it). */
    boolean rewound() {
        boolean r = rewound;
        rewound = false;
        return r;
    }

    /** Copies of {@code values} owned by the run's manager. */
    List<NDArray> copies(List<NDArray> values) {
        List<NDArray> copy = new ArrayList<>();
        for (NDArray v : values) {
            NDArray c = v.duplicate();
            c.attach(trainer.manager());
            copy.add(c);
        }
        return copy;
    }
}
