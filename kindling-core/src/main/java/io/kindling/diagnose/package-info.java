/**
 * Signal-propagation diagnostics at initialization: {@link io.kindling.diagnose.Diagnoser} measures
 * each layer on a real batch, {@link io.kindling.diagnose.VerdictRules} turns the numbers into a
 * {@link io.kindling.diagnose.Verdict} with evidence and advice.
 */
package io.kindling.diagnose;
