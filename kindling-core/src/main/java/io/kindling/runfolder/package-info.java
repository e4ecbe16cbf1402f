/**
 * The files of a run folder, below the trainer: {@link io.kindling.runfolder.RunFolder} (config,
 * provenance, data), {@link io.kindling.runfolder.MetricsLog} ({@code metrics.jsonl}), {@link
 * io.kindling.runfolder.TensorBoardLog} and {@link io.kindling.runfolder.EventFiles} (TensorBoard
 * event files), {@link io.kindling.runfolder.Npy}, {@link io.kindling.runfolder.AtomicFile},
 * through which every file is written, and {@link io.kindling.runfolder.FolderLock}, which a
 * process holds while it writes a folder. Nothing here knows the trainer; the trainer writes its
 * run through these.
 */
package io.kindling.runfolder;
