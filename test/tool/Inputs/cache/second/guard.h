// No guard.
#define INFERENCE_GUARD (void)0
