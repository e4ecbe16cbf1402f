#!/usr/bin/env bash
# Builds this project against the Kindling artifacts in the local Maven repository (install them
# first: ./mvnw -B install -DskipTests at the repository root) and runs its three programs.
set -euo pipefail
cd "$(dirname "$0")"
../../mvnw -B -q package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="target/classes:$(cat target/classpath.txt)"
OUT="${1:-target/runs}"
rm -rf "$OUT"
for program in TrainWithPlan CompareInits CustomInitializer; do
  echo "== $program"
  java -Dai.djl.offline=true -cp "$CP" "example.$program" "$OUT/$program"
done
