# The memory allocator the kindling launcher runs Java on. Sourced by ./kindling; tested by
# kindling-core's LauncherAllocatorTest. Needs bash; safe under set -euo pipefail, as the
# launcher runs it.
#
# libtorch allocates and frees every activation and gradient of a training step. On some machines
# glibc's malloc hands those buffers back to the kernel and faults them in again on the next step,
# page by page, and training runs several times slower (docs/performance.md, "The memory
# allocator", has the measurements). jemalloc with decay off keeps freed pages for reuse. So the
# launcher preloads it:
#
#   KINDLING_ALLOCATOR=jemalloc (default) | tcmalloc | glibc | /path/to/libsomething.so
#
# jemalloc and tcmalloc are looked up in the usual library folders (Debian: libjemalloc2,
# libtcmalloc-minimal4). When the chosen one is missing, one line says so and Java runs on
# glibc: never a failure. An allocator the user already preloads (LD_PRELOAD) is left alone, and
# so is a MALLOC_CONF the user set. Child JVMs (compare --parallel, tune --parallel) inherit the
# environment, so they run on the same allocator.

# The jemalloc settings: never return freed pages to the kernel (no dirty or muzzy decay).
KINDLING_JEMALLOC_CONF="dirty_decay_ms:-1,muzzy_decay_ms:-1"

# Prints the path of a shared library found in the usual folders, or nothing.
kindling_find_library() {
  local name="$1" dir
  for dir in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib64 /usr/lib \
      /usr/local/lib /opt/homebrew/lib; do
    if [[ -e "$dir/$name" ]]; then
      echo "$dir/$name"
      return
    fi
  done
  if command -v ldconfig >/dev/null 2>&1; then
    # (no early exit in awk: under the launcher's pipefail, ldconfig's SIGPIPE would stop it)
    ldconfig -p 2>/dev/null | awk -v n="$name" '$1 == n && !found { print $NF; found = 1 }' || true
  fi
}

# Exports LD_PRELOAD (and MALLOC_CONF for jemalloc) for the allocator KINDLING_ALLOCATOR names.
kindling_allocator() {
  local choice="${KINDLING_ALLOCATOR:-jemalloc}" lib="" name="" package=""
  [[ "$(uname -s)" == Linux ]] || return 0
  case "${LD_PRELOAD:-}" in
    *jemalloc*|*tcmalloc*) return 0 ;;
  esac
  case "$choice" in
    glibc|system) return 0 ;;
    jemalloc) name=jemalloc; package=libjemalloc2
      lib="$(kindling_find_library libjemalloc.so.2)" ;;
    tcmalloc) name=tcmalloc; package=libtcmalloc-minimal4
      lib="$(kindling_find_library libtcmalloc_minimal.so.4)"
      [[ -n "$lib" ]] || lib="$(kindling_find_library libtcmalloc.so.4)" ;;
    /*) name="$choice"; [[ -e "$choice" ]] && lib="$choice" ;;
    *)
      echo "kindling: KINDLING_ALLOCATOR=$choice is not known; accepted: jemalloc, tcmalloc," \
        "glibc or a library's absolute path. Running on glibc malloc." >&2
      return 0 ;;
  esac
  if [[ -z "$lib" ]]; then
    echo "kindling: $name not found${package:+ (Debian: apt install $package)}; running on" \
      "glibc malloc, which makes training several times slower on some machines." >&2
    return 0
  fi
  export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}"
  if [[ "$lib" == *jemalloc* ]]; then
    export MALLOC_CONF="${MALLOC_CONF:-$KINDLING_JEMALLOC_CONF}"
  fi
}
