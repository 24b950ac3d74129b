#!/usr/bin/env bash
# The main job: build the runtime and run its demonstrations of the three
# LibTorch hazards torch-tidy looks for.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

configure "$BUILD"
cmake --build "$BUILD" -j "$JOBS" --target \
  demo_dropout_train_vs_eval demo_batchnorm_running_stats \
  demo_eval_keeps_gradients demo_no_grad demo_inference_mode \
  demo_inplace_version_error >/dev/null

for demo in dropout_train_vs_eval batchnorm_running_stats eval_keeps_gradients \
            no_grad inference_mode inplace_version_error; do
  echo "=== $demo"
  "$BUILD/examples/demo_$demo"
  echo
done
