#!/usr/bin/env bash
# The main job: build torch-tidy, the runtime and the examples; lint the
# examples through compile_commands.json; then, check by check, show the
# flagged code failing on the runtime and its fix working.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CHECKS=(inplace-on-saved inference-tensor-escape backward-without-grad
        missing-eval missing-grad-guard unnamed-guard train-mode-not-restored
        inplace-on-leaf)
SEED=(dropout_train_vs_eval dropout_hard_wired batchnorm_running_stats eval_keeps_gradients
      no_grad inference_mode inplace_version_error)

targets=(torch-tidy classifier_example)
for check in "${CHECKS[@]}"; do
  targets+=("demo_${check//-/_}_bad" "demo_${check//-/_}_fixed")
done
for demo in "${SEED[@]}"; do targets+=("demo_$demo"); done

configure "$BUILD"
cmake --build "$BUILD" -j "$JOBS" --target "${targets[@]}" >/dev/null

tidy() {  # torch-tidy through the build's compile_commands.json
  "$BUILD/torch-tidy" -p "$BUILD" --quiet "$@" 2>&1 || [ $? -eq 1 ]
}
# Diagnostics only (no source snippets), paths relative to the repository.
diagnostics() {
  grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|note|error):' | sed "s|$ROOT/||"
}

echo "=== torch-tidy over examples/classifier (a small project with one of each hazard)"
tidy --files='examples/classifier/' | diagnostics | grep -E ': warning:'
echo

for check in "${CHECKS[@]}"; do
  dir="$ROOT/examples/demos/$check"
  bin="$BUILD/examples/demos/demo_${check//-/_}"
  echo "=== torch-$check (docs/checks/$check.md)"
  echo "--- torch-tidy examples/demos/$check/bad.cpp"
  tidy "$dir/bad.cpp" | diagnostics
  echo "--- bad.cpp, run on the runtime"
  "${bin}_bad"
  echo "--- fixed.cpp (torch-tidy finds nothing: $(tidy "$dir/fixed.cpp" | diagnostics | wc -l) diagnostics), run"
  "${bin}_fixed"
  echo
done

echo "=== LibTorch semantics behind the checks (examples/seed, docs/modes.md)"
for demo in "${SEED[@]}"; do
  echo "--- $demo"
  "$BUILD/examples/demo_$demo"
done
