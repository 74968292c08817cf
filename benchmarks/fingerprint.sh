#!/usr/bin/env bash
# What the pipeline computes, through the CLI only, so that two layouts of the code compare:
#     benchmarks/fingerprint.sh OLD_CHECKOUT /tmp/before
#     benchmarks/fingerprint.sh .            /tmp/after
#     python benchmarks/fingerprint_compare.py /tmp/before /tmp/after
# Briefs the seeds (json, markdown, html; 40/100/400 words), the bundled example, the first 120
# Multi-News dev clusters and MultiLing 2011 English (batch, jsonl), and ingests the Multi-News and
# ECB+ dev articles into two stores (stories as JSON). About 3 minutes on 2 idle cores. PYTHON names
# the interpreter (default: python on PATH, e.g. an activated venv); SHARED the eval data folder.
set -uo pipefail
TREE=$(cd "$1" && pwd); OUT=$2; mkdir -p "$OUT"
SHARED=${SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/shared}
PY=${PYTHON:-python}
export PYTHONPATH=$TREE/src
cd "$TREE"
$PY -m newsfuse brief "$SHARED"/seeds/*.txt --format json -o "$OUT/seeds.json"
$PY -m newsfuse brief "$SHARED"/seeds/*.txt --format markdown -o "$OUT/seeds.md"
$PY -m newsfuse brief "$SHARED"/seeds/*.txt --format html -o "$OUT/seeds.html"
$PY -m newsfuse brief src/newsfuse/examples --format json -o "$OUT/example.json"
for w in 40 100 400; do $PY -m newsfuse brief "$SHARED"/seeds/*.txt --words $w --format json -o "$OUT/seeds-$w.json"; done
head -n 120 "$SHARED/eval/mds/multinews-dev.jsonl" > "$OUT/dev120.in.jsonl"
$PY -m newsfuse brief --clusters "$OUT/dev120.in.jsonl" --format jsonl -o "$OUT/dev120.jsonl"
$PY -m newsfuse brief --clusters "$SHARED/eval/mds/multiling2011-en.jsonl" --format jsonl -o "$OUT/multiling-en.jsonl"
for set in multinews-dev ecbplus-dev; do
  rm -f "$OUT/$set.db"
  $PY -m newsfuse ingest "$SHARED/eval/stories/$set-articles.jsonl" --db "$OUT/$set.db" > "$OUT/$set.ingest.txt" 2>&1
  $PY -m newsfuse stories --db "$OUT/$set.db" --format json -o "$OUT/$set.stories.json"
done
echo "fingerprint of $TREE in $OUT"
