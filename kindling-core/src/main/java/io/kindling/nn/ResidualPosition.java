package io.kindling.nn;

/**
 * Where a parameter sits inside the residual branches of a network, for inits that scale by depth
 * (GPT-2's 1/√(2N), Fixup, DeepNorm).
 *
 * @param branches L, the number of residual branches in the network
 * @param layersPerBranch m, the weighted layers in each branch
 * @param position 1-based index of this parameter's layer inside its branch
 */
public record ResidualPosition(int branches, int layersPerBranch, int position) {

    public ResidualPosition {
        if (branches < 1 || layersPerBranch < 1 || position < 1 || position > layersPerBranch) {
            throw new IllegalArgumentException(
                    "bad residual position: branches="
                            + branches
                            + ", layersPerBranch="
                            + layersPerBranch
                            + ", position="
                            + position);
        }
    }

    /** Whether this layer ends its branch (its output is added back to the residual stream). */
    public boolean endsBranch() {
        return position == layersPerBranch;
    }
}
