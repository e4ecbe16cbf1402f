/**
 * What a reader sees of runs, above the trainer: the console sink ({@link
 * io.kindling.report.ConsoleProgress}), charts ({@link io.kindling.report.SvgChart}, the PNG plots,
 * {@link io.kindling.report.Ticks}) and tables. The run folder's own files are in {@code
 * io.kindling.runfolder}, which the trainer uses; nothing below the trainer uses this package.
 */
package io.kindling.report;
