package io.kindling.config;

/**
 * An object built from an expression that can give its canonical expression back, so that parsing
 * {@link #print()} with the same registry yields an equal object. Run records use this to store
 * exactly what was built, defaults included.
 */
public interface Expressible {

    /** The call that builds an equal object, with every argument spelled out. */
    Call toExpr();

    /** {@link #toExpr()} in canonical text form. */
    default String print() {
        return ExprPrinter.print(toExpr());
    }
}
