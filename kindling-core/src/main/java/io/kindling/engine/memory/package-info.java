/**
 * The process's native memory as libtorch meets it: which {@code malloc} serves its buffers ({@link
 * io.kindling.engine.memory.Allocator}) and what that costs in page faults and resident memory
 * ({@link io.kindling.engine.memory.ProcessMemory}). On some machines glibc's allocator returns the
 * large buffers of every training step to the kernel and takes them back on the next, a page fault
 * per 4 KiB page; a caching allocator (jemalloc) keeps them, and the same step runs several times
 * faster. The {@code kindling} launcher preloads one; these classes let every report say which one
 * ran.
 */
package io.kindling.engine.memory;
