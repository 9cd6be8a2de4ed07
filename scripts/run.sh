#!/usr/bin/env bash
# run.sh: quick start.  Installs the dependencies (scripts/setup.sh), builds
# berpa (Release, in build/) and restores the bundled sample
# samples/seed-style.txt: clean text on stdout, TEI and the JSON report in
# build/out/.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)" > /dev/null

sample=samples/seed-style.txt
name=$(basename "$sample" .txt)
mkdir -p build/out
build/berpa --tei-out "build/out/$name.xml" --report-out "build/out/$name.json" "$sample"
echo >&2
echo "run: TEI written to build/out/$name.xml, report to build/out/$name.json" >&2
