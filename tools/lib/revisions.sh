# Sourced by the scripts that compare an earlier revision with the working tree
# (tools/bench/before_after.sh, tools/bench/lstm_fix_cost.sh, tools/resume_across_revisions.sh).
# Defines WORK (a temporary folder, removed on exit with the worktree in it), build_revision REV
# (checks REV out into "$WORK/before" and packages its CLI) and kindling_at DIR ARGS... (runs the
# CLI packaged in DIR). Builds the working tree's CLI too. Call from the repository root.
# Both sides run on the allocator the launcher would give them (tools/lib/allocator.sh; set
# KINDLING_ALLOCATOR=glibc to compare on glibc), exported here so every side shares it;
# ALLOCATOR says which, for the scripts' first line.
# shellcheck source=allocator.sh
source "$(dirname "${BASH_SOURCE[0]}")/allocator.sh"
kindling_allocator
ALLOCATOR="${LD_PRELOAD:-glibc malloc}${MALLOC_CONF:+ (MALLOC_CONF=$MALLOC_CONF)}"
WORK="$(mktemp -d)"
trap 'git worktree remove --force "$WORK/before" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

build_revision() { # $1 = revision
  git worktree add -q --detach "$WORK/before" "$1"
  (cd "$WORK/before" && ./mvnw -q -B -o -DskipTests package >/dev/null)
  ./kindling --version >/dev/null
}

kindling_at() { # $1 = checkout, then kindling's arguments
  local dir="$1"; shift
  (cd "$dir" && java -Xmx4g -Dai.djl.offline=true \
      -cp "kindling-cli/target/kindling-cli-0.1.0-SNAPSHOT.jar:kindling-cli/target/lib/*" \
      io.kindling.cli.Kindling "$@")
}
