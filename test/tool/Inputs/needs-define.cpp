// Parses only with the flags of the compilation database.
#ifndef TORCH_TIDY_FROM_DATABASE
#error "compiled without the database's flags"
#endif
#include <torch/torch.h>

torch::Tensor twice(torch::Tensor x) { return x * 2; }
