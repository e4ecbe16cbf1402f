package example;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.kindling.api.Kindling;
import io.kindling.config.Call;
import io.kindling.config.CallBuilder;
import io.kindling.init.Initializer;
import io.kindling.init.PlanRow;
import io.kindling.nn.ParamContext;
import io.kindling.train.TrainSpec;

/**
 * A user's own initializer, registered under a name: w ~ N(0, gain² / fan_in). Once registered,
 * every expression can name it, in a plan rule or a comparison, with its arguments.
 */
public final class CustomInitializer {

    /** N(0, gain²/fan_in): LeCun's normal with a gain. */
    record ScaledNormal(double gain) implements Initializer {
        @Override
        public NDArray sample(ParamContext context, NDManager manager) {
            return manager.randomNormal(
                    0f, (float) std(context), context.shape(), DataType.FLOAT32);
        }

        @Override
        public double std(ParamContext context) {
            return gain / Math.sqrt(context.fanIn());
        }

        @Override
        public Call toExpr() {
            return CallBuilder.call("scaled_normal").arg("gain", gain).build();
        }
    }

    public static void main(String[] args) {
        Kindling.registerInitializer(
                "scaled_normal",
                "N(0, gain²/fan_in); default gain=1",
                a -> new ScaledNormal(a.number("gain", 1.0)));
        TrainSpec spec =
                Kindling.experiment(
                                """
                                model: mlp(depth=10, width=128, activation=relu)
                                init: scaled_normal(gain=1.4142)
                                data: fashion-mnist(source=subset)
                                """)
                        .resolve();
        PlanRow first = Kindling.plan(spec).get(0);
        System.out.printf(
                "%s: %s, std %.4f (target %.4f)%n",
                first.parameter(), first.initializer(), first.sampledStd(), first.expectedStd());
        if (Math.abs(first.sampledStd() / first.expectedStd() - 1) > 0.05) {
            throw new IllegalStateException("the sampled std is off its target");
        }
        System.out.println("at init: " + Kindling.diagnose(spec).verdict().kind());
    }
}
