#!/usr/bin/env bash
# The main job: build torch-tidy and the runtime, lint the bundled examples,
# and run the runtime's demonstrations of the three LibTorch hazards.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

configure "$BUILD"
cmake --build "$BUILD" -j "$JOBS" --target torch-tidy \
  demo_dropout_train_vs_eval demo_batchnorm_running_stats \
  demo_eval_keeps_gradients demo_no_grad demo_inference_mode \
  demo_inplace_version_error >/dev/null

echo "=== torch-tidy over examples/ (compile_commands.json from $BUILD)"
# Exit status 1 means findings, which the examples are meant to have.
"$BUILD/torch-tidy" -p "$BUILD" --quiet "$ROOT"/examples/seed/*.cpp || \
  [ $? -eq 1 ]
echo

for demo in dropout_train_vs_eval batchnorm_running_stats eval_keeps_gradients \
            no_grad inference_mode inplace_version_error; do
  echo "=== $demo"
  "$BUILD/examples/demo_$demo"
  echo
done
