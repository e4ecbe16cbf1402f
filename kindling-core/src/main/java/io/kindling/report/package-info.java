/**
 * Event sinks and the run folder: {@link io.kindling.report.ConsoleProgress},
 * {@link io.kindling.report.MetricsLog} ({@code metrics.jsonl}) and
 * {@link io.kindling.report.RunFolder} (config, provenance).
 */
package io.kindling.report;
