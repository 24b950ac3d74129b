// Free functions of the at:: namespace (torch:: sees them through
// `using namespace at;` as in LibTorch): factories, functional math, nn ops.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <initializer_list>
#include <tuple>
#include <vector>

namespace at {

// --- factories ---------------------------------------------------------------
Tensor empty(IntArrayRef size, TensorOptions options = {});
Tensor zeros(IntArrayRef size, TensorOptions options = {});
Tensor ones(IntArrayRef size, TensorOptions options = {});
Tensor full(IntArrayRef size, const Scalar& value, TensorOptions options = {});
Tensor arange(const Scalar& end, TensorOptions options = {});
Tensor arange(const Scalar& start, const Scalar& end,
              TensorOptions options = {});
Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step,
              TensorOptions options = {});
Tensor rand(IntArrayRef size, TensorOptions options = {});
Tensor randn(IntArrayRef size, TensorOptions options = {});
Tensor randint(int64_t high, IntArrayRef size, TensorOptions options = {});
Tensor randint(int64_t low, int64_t high, IntArrayRef size,
               TensorOptions options = {});
Tensor empty_like(const Tensor& t, TensorOptions options = {});
Tensor zeros_like(const Tensor& t, TensorOptions options = {});
Tensor ones_like(const Tensor& t, TensorOptions options = {});
Tensor full_like(const Tensor& t, const Scalar& value,
                 TensorOptions options = {});
Tensor rand_like(const Tensor& t, TensorOptions options = {});
Tensor randn_like(const Tensor& t, TensorOptions options = {});
void manual_seed(uint64_t seed);

// --- functional math
// ------------------------------------------------------------
Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha = 1);
Tensor mul(const Tensor& a, const Tensor& b);
Tensor div(const Tensor& a, const Tensor& b);
// out= forms: write the result into `out` (an in-place op on it). Like
// LibTorch they do not support autograd: with grad mode on and an argument
// that requires grad they throw.
Tensor& add_out(Tensor& out, const Tensor& a, const Tensor& b,
                const Scalar& alpha = 1);
Tensor& sub_out(Tensor& out, const Tensor& a, const Tensor& b,
                const Scalar& alpha = 1);
Tensor& mul_out(Tensor& out, const Tensor& a, const Tensor& b);
Tensor& div_out(Tensor& out, const Tensor& a, const Tensor& b);
Tensor pow(const Tensor& a, const Scalar& exponent);
Tensor pow(const Tensor& a, const Tensor& exponent);
Tensor neg(const Tensor& t);
Tensor exp(const Tensor& t);
Tensor log(const Tensor& t);
Tensor sqrt(const Tensor& t);
Tensor sigmoid(const Tensor& t);
Tensor tanh(const Tensor& t);
Tensor relu(const Tensor& t);
Tensor abs(const Tensor& t);
Tensor sin(const Tensor& t);
Tensor cos(const Tensor& t);
Tensor clamp(const Tensor& t, c10::optional<Scalar> min,
             c10::optional<Scalar> max = c10::nullopt);
Tensor& relu_(Tensor& t);
Tensor& sigmoid_(Tensor& t);
Tensor& tanh_(Tensor& t);
Tensor& exp_(Tensor& t);
Tensor sum(const Tensor& t, c10::optional<ScalarType> dtype = c10::nullopt);
Tensor sum(const Tensor& t, IntArrayRef dim, bool keepdim = false,
           c10::optional<ScalarType> dtype = c10::nullopt);
Tensor mean(const Tensor& t, c10::optional<ScalarType> dtype = c10::nullopt);
Tensor mean(const Tensor& t, IntArrayRef dim, bool keepdim = false,
            c10::optional<ScalarType> dtype = c10::nullopt);
Tensor max(const Tensor& t);
std::tuple<Tensor, Tensor> max(const Tensor& t, int64_t dim,
                               bool keepdim = false);
Tensor min(const Tensor& t);
std::tuple<Tensor, Tensor> min(const Tensor& t, int64_t dim,
                               bool keepdim = false);
Tensor argmax(const Tensor& t, c10::optional<int64_t> dim = c10::nullopt,
              bool keepdim = false);
Tensor softmax(const Tensor& t, int64_t dim,
               c10::optional<ScalarType> dtype = c10::nullopt);
Tensor log_softmax(const Tensor& t, int64_t dim,
                   c10::optional<ScalarType> dtype = c10::nullopt);
Tensor mm(const Tensor& a, const Tensor& b);
Tensor matmul(const Tensor& a, const Tensor& b);
Tensor addmm(const Tensor& bias, const Tensor& mat1, const Tensor& mat2);
Tensor cat(TensorList tensors, int64_t dim = 0);
Tensor stack(TensorList tensors, int64_t dim = 0);
bool equal(const Tensor& a, const Tensor& b);
bool allclose(const Tensor& a, const Tensor& b, double rtol = 1e-05,
              double atol = 1e-08, bool equal_nan = false);
Tensor where(const Tensor& cond, const Tensor& a, const Tensor& b);
Tensor where(const Tensor& cond, const Tensor& a, const Scalar& b);
Tensor where(const Tensor& cond, const Scalar& a, const Tensor& b);

// --- nn ops -----------------------------------------------------------------
namespace Reduction {
enum Reduction { None, Mean, Sum, END };
}
Tensor dropout(const Tensor& input, double p, bool train);
Tensor& dropout_(Tensor& input, double p, bool train);
// Dropout of whole channels (dim 1), as Dropout2d uses.
Tensor feature_dropout(const Tensor& input, double p, bool train);
Tensor linear(const Tensor& input, const Tensor& weight,
              const Tensor& bias = {});
Tensor conv2d(const Tensor& input, const Tensor& weight,
              const Tensor& bias = {}, IntArrayRef stride = 1,
              IntArrayRef padding = 0, IntArrayRef dilation = 1,
              int64_t groups = 1);
Tensor batch_norm(const Tensor& input, const Tensor& weight, const Tensor& bias,
                  const Tensor& running_mean, const Tensor& running_var,
                  bool training, double momentum, double eps,
                  bool cudnn_enabled = false);
Tensor mse_loss(const Tensor& input, const Tensor& target,
                int64_t reduction = Reduction::Mean);
Tensor nll_loss(const Tensor& input, const Tensor& target,
                const Tensor& weight = {}, int64_t reduction = Reduction::Mean,
                int64_t ignore_index = -100);
Tensor cross_entropy_loss(const Tensor& input, const Tensor& target,
                          const Tensor& weight = {},
                          int64_t reduction = Reduction::Mean,
                          int64_t ignore_index = -100,
                          double label_smoothing = 0.0);

}  // namespace at
