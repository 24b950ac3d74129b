// The op table: what each LibTorch op does to autograd state. ONE source of
// truth, read by the runtime (which records saved tensors from it) and by the
// checks (which reason about in-place modification of saved tensors).
//
// Glossary
//   saved tensor  an operand (or result) an autograd node keeps for backward,
//                 together with its version at save time. backward() throws
//                 when the version changed in between.
//   version       a counter shared by a tensor, its views and detach(); every
//                 in-place op bumps it (in grad, no-grad and inference mode).
//   in-place op   an op that writes into its first operand (`mul_`, `+=`).
//   view op       an op whose result shares storage and version counter with
//                 its first operand (`view`, `slice`, `t`, `detach`, ...).
//
// Operands are positional: Self is the tensor a method is called on (the
// first tensor argument of the free function), Other the next tensor
// argument, then Third, Fourth, Fifth. A save rule says which operand is saved and
// under which condition; conditions mirror LibTorch 1.13's generated code,
// which saves an operand only when the gradient formula that reads it will run
// (e.g. mul(a, b) saves b only when a needs grad).
//
// What the table deliberately does not model: dtype/shape rules, the exact
// overload a call resolves to (the overload column names it, callers choose),
// and ops the runtime does not implement beyond the common ones users call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace torch_tidy {
namespace ops {

enum class Kind : std::uint8_t {
  Functional,  // returns a new tensor
  InPlace,     // modifies Self and bumps its version
  View,        // returns a view of Self (shares storage and version counter)
  NoGrad,      // never differentiable (argmax, comparisons)
};

enum class Operand : std::uint8_t {
  None, Self, Other, Third, Fourth, Fifth, Result, Result1
};
constexpr int kNumOperandSlots = 8;

enum class When : std::uint8_t {
  Always,          // whenever the node is recorded
  SelfNeedsGrad,   // only when Self requires grad
  OtherNeedsGrad,  // only when Other requires grad
  ThirdNeedsGrad,  // only when Third requires grad
};

struct Save {
  Operand operand = Operand::None;
  When when = When::Always;
};

struct OpInfo {
  std::string_view name;      // method / function name as users spell it
  std::string_view overload;  // "Tensor", "Scalar", "dim", ... or ""
  Kind kind;
  std::string_view node;      // grad_fn()->name() of the result; "" if none
  Save saves[4];
};

constexpr Save kSelf{Operand::Self, When::Always};
constexpr Save kOther{Operand::Other, When::Always};
constexpr Save kResult{Operand::Result, When::Always};
constexpr Save kSelfIfOther{Operand::Self, When::OtherNeedsGrad};
constexpr Save kOtherIfSelf{Operand::Other, When::SelfNeedsGrad};

// clang-format off
inline constexpr OpInfo kOpTable[] = {
  // --- arithmetic ---------------------------------------------------------
  {"add",  "Tensor", Kind::Functional, "AddBackward0", {}},
  {"add",  "Scalar", Kind::Functional, "AddBackward1", {}},
  {"add_", "Tensor", Kind::InPlace,    "AddBackward0", {}},
  {"add_", "Scalar", Kind::InPlace,    "AddBackward1", {}},
  {"sub",  "Tensor", Kind::Functional, "SubBackward0", {}},
  {"sub",  "Scalar", Kind::Functional, "SubBackward1", {}},
  {"sub_", "Tensor", Kind::InPlace,    "SubBackward0", {}},
  {"sub_", "Scalar", Kind::InPlace,    "SubBackward1", {}},
  {"rsub", "Scalar", Kind::Functional, "RsubBackward1", {}},
  {"mul",  "Tensor", Kind::Functional, "MulBackward0", {kOtherIfSelf, kSelfIfOther}},
  {"mul",  "Scalar", Kind::Functional, "MulBackward1", {}},
  {"mul_", "Tensor", Kind::InPlace,    "MulBackward0", {kOtherIfSelf, kSelfIfOther}},
  {"mul_", "Scalar", Kind::InPlace,    "MulBackward1", {}},
  {"div",  "Tensor", Kind::Functional, "DivBackward0", {kOther, kSelfIfOther}},
  {"div",  "Scalar", Kind::Functional, "DivBackward1", {}},
  {"div_", "Tensor", Kind::InPlace,    "DivBackward0", {kOther, kSelfIfOther}},
  {"div_", "Scalar", Kind::InPlace,    "DivBackward1", {}},
  {"neg",  "",       Kind::Functional, "NegBackward0", {}},
  {"neg_", "",       Kind::InPlace,    "NegBackward0", {}},
  {"pow",  "Tensor_Scalar", Kind::Functional, "PowBackward0", {kSelf}},
  {"pow_", "Scalar", Kind::InPlace,    "PowBackward0", {kSelf}},
  {"pow",  "Tensor_Tensor", Kind::Functional, "PowBackward1", {kSelf, kOther, kResult}},
  // --- pointwise that save their input -----------------------------------
  {"log",   "", Kind::Functional, "LogBackward0", {kSelf}},
  {"log_",  "", Kind::InPlace,    "LogBackward0", {kSelf}},
  {"sin",   "", Kind::Functional, "SinBackward0", {kSelf}},
  {"sin_",  "", Kind::InPlace,    "SinBackward0", {kSelf}},
  {"cos",   "", Kind::Functional, "CosBackward0", {kSelf}},
  {"cos_",  "", Kind::InPlace,    "CosBackward0", {kSelf}},
  {"abs",   "", Kind::Functional, "AbsBackward0", {kSelf}},
  {"abs_",  "", Kind::InPlace,    "AbsBackward0", {kSelf}},
  {"clamp", "", Kind::Functional, "ClampBackward1", {kSelf}},
  {"clamp_", "", Kind::InPlace,   "ClampBackward1", {kSelf}},
  // --- pointwise that save their result ----------------------------------
  {"exp",      "", Kind::Functional, "ExpBackward0", {kResult}},
  {"exp_",     "", Kind::InPlace,    "ExpBackward0", {kResult}},
  {"sqrt",     "", Kind::Functional, "SqrtBackward0", {kResult}},
  {"sqrt_",    "", Kind::InPlace,    "SqrtBackward0", {kResult}},
  {"tanh",     "", Kind::Functional, "TanhBackward0", {kResult}},
  {"tanh_",    "", Kind::InPlace,    "TanhBackward0", {kResult}},
  {"sigmoid",  "", Kind::Functional, "SigmoidBackward0", {kResult}},
  {"sigmoid_", "", Kind::InPlace,    "SigmoidBackward0", {kResult}},
  {"relu",     "", Kind::Functional, "ReluBackward0", {kResult}},
  {"relu_",    "", Kind::InPlace,    "ReluBackward0", {kResult}},
  {"softmax",     "", Kind::Functional, "SoftmaxBackward0", {kResult}},
  {"log_softmax", "", Kind::Functional, "LogSoftmaxBackward0", {kResult}},
  // --- reductions ---------------------------------------------------------
  {"sum",    "",    Kind::Functional, "SumBackward0", {}},
  {"sum",    "dim", Kind::Functional, "SumBackward1", {}},
  {"mean",   "",    Kind::Functional, "MeanBackward0", {}},
  {"mean",   "dim", Kind::Functional, "MeanBackward1", {}},
  {"max",    "",    Kind::Functional, "MaxBackward1", {kSelf, kResult}},
  {"max",    "dim", Kind::Functional, "MaxBackward0", {{Operand::Result1, When::Always}}},
  {"min",    "",    Kind::Functional, "MinBackward1", {kSelf, kResult}},
  {"min",    "dim", Kind::Functional, "MinBackward0", {{Operand::Result1, When::Always}}},
  {"argmax", "",    Kind::NoGrad,     "", {}},
  // --- linear algebra and layers -----------------------------------------
  {"mm",     "", Kind::Functional, "MmBackward0", {kSelfIfOther, kOtherIfSelf}},
  {"matmul", "", Kind::Functional, "MmBackward0", {kSelfIfOther, kOtherIfSelf}},
  {"dot",    "", Kind::Functional, "DotBackward0", {kSelfIfOther, kOtherIfSelf}},
  {"mv",     "", Kind::Functional, "MvBackward0", {kSelfIfOther, kOtherIfSelf}},
  // addmm(bias, mat1, mat2): mat1 is kept for mat2's gradient and vice versa.
  {"addmm",  "", Kind::Functional, "AddmmBackward0",
     {{Operand::Other, When::ThirdNeedsGrad}, {Operand::Third, When::OtherNeedsGrad}}},
  // linear(input, weight, bias) is addmm(bias, input, weight.t()).
  {"linear", "", Kind::Functional, "AddmmBackward0", {kSelfIfOther, kOtherIfSelf}},
  {"conv2d", "", Kind::Functional, "ConvolutionBackward0", {kSelf, kOther}},
  // batch_norm(input, weight, bias, running_mean, running_var): saves input,
  // weight and the running statistics (in eval mode too); bias is not saved.
  {"batch_norm", "", Kind::Functional, "NativeBatchNormBackward0",
     {kSelf, kOther, {Operand::Fourth, When::Always}, {Operand::Fifth, When::Always}}},
  // dropout multiplies by an internal mask; no user operand is saved.
  {"dropout", "", Kind::Functional, "MulBackward0", {}},
  {"dropout_", "", Kind::InPlace, "MulBackward0", {}},
  {"feature_dropout", "", Kind::Functional, "MulBackward0", {}},
  // --- losses -------------------------------------------------------------
  {"mse_loss", "", Kind::Functional, "MseLossBackward0", {kSelf, kOther}},
  {"nll_loss", "", Kind::Functional, "NllLossBackward0", {kSelf, kOther}},
  // cross_entropy = nll_loss(log_softmax(x)): x itself is not saved.
  {"cross_entropy_loss", "", Kind::Functional, "NllLossBackward0", {kOther}},
  // --- shape and copies ---------------------------------------------------
  {"cat",    "", Kind::Functional, "CatBackward0", {}},
  {"stack",  "", Kind::Functional, "StackBackward0", {}},
  {"repeat", "", Kind::Functional, "RepeatBackward0", {}},
  {"clone",  "", Kind::Functional, "CloneBackward0", {}},
  {"contiguous", "", Kind::Functional, "CloneBackward0", {}},
  {"to",     "dtype", Kind::Functional, "ToCopyBackward0", {}},
  // --- views (share storage and the version counter with Self) -----------
  {"view",      "", Kind::View, "ViewBackward0", {}},
  {"reshape",   "", Kind::View, "ReshapeAliasBackward0", {}},
  {"slice",     "", Kind::View, "SliceBackward0", {}},
  {"narrow",    "", Kind::View, "SliceBackward0", {}},
  {"select",    "", Kind::View, "SelectBackward0", {}},
  {"operator[]", "", Kind::View, "SelectBackward0", {}},
  {"transpose", "", Kind::View, "TransposeBackward0", {}},
  {"t",         "", Kind::View, "TBackward0", {}},
  {"permute",   "", Kind::View, "PermuteBackward0", {}},
  {"unsqueeze", "", Kind::View, "UnsqueezeBackward0", {}},
  {"squeeze",   "", Kind::View, "SqueezeBackward0", {}},
  {"squeeze",   "dim", Kind::View, "SqueezeBackward1", {}},
  // squeeze_ changes only metadata: no data write, no version bump.
  {"squeeze_",  "dim", Kind::View, "SqueezeBackward1", {}},
  {"expand",    "", Kind::View, "ExpandBackward0", {}},
  {"flatten",   "", Kind::View, "ReshapeAliasBackward0", {}},
  // reshape of a tensor that cannot be viewed copies first.
  {"_unsafe_view", "", Kind::Functional, "UnsafeViewBackward0", {}},
  {"view_as",   "", Kind::View, "ViewBackward0", {}},
  // index() with integers, slices and ellipses is a view; with a tensor
  // index it copies (the checks tell the two apart by the arguments).
  {"index",     "", Kind::View, "", {}},
  {"expand_as", "", Kind::View, "ExpandBackward0", {}},
  {"detach",    "", Kind::View, "", {}},
  // The history a view gets when its base changed in place under it.
  {"as_strided", "", Kind::View, "AsStridedBackward0", {}},
  // The base's history after an in-place op through one of its views.
  {"copy_slices", "", Kind::InPlace, "torch::autograd::CopySlices", {}},
  // --- in-place writes ----------------------------------------------------
  {"zero_",        "", Kind::InPlace, "ZeroBackward0", {}},
  {"fill_",        "Scalar", Kind::InPlace, "FillBackward2", {}},
  {"fill_",        "Tensor", Kind::InPlace, "FillBackward3", {}},
  {"copy_",        "", Kind::InPlace, "torch::autograd::CopyBackwards", {}},
  {"index_put_",   "", Kind::InPlace, "IndexPutBackward0", {}},
  // masked_fill keeps its (boolean) mask for backward.
  {"masked_fill_", "Scalar", Kind::InPlace, "MaskedFillBackward0", {kOther}},
  {"masked_fill",  "Scalar", Kind::Functional, "MaskedFillBackward0", {kOther}},
  // where(condition, a, b): the boolean condition is kept for both grads.
  {"where",        "", Kind::Functional, "WhereBackward0", {kSelf}},
  {"requires_grad_", "", Kind::NoGrad, "", {}},
  // --- common LibTorch ops the runtime does not implement ----------------
  // Read by the checks only; saves as in LibTorch 1.13's derivatives.yaml.
  {"square",   "", Kind::Functional, "PowBackward0", {kSelf}},
  {"square_",  "", Kind::InPlace,    "PowBackward0", {kSelf}},
  {"reciprocal", "", Kind::Functional, "ReciprocalBackward0", {kResult}},
  {"rsqrt",    "", Kind::Functional, "RsqrtBackward0", {kResult}},
  {"rsqrt_",   "", Kind::InPlace,    "RsqrtBackward0", {kResult}},
  {"expm1",    "", Kind::Functional, "Expm1Backward0", {kResult}},
  {"tan",      "", Kind::Functional, "TanBackward0", {kResult}},
  {"log1p",    "", Kind::Functional, "Log1PBackward0", {kSelf}},
  {"log2",     "", Kind::Functional, "Log2Backward0", {kSelf}},
  {"log10",    "", Kind::Functional, "Log10Backward0", {kSelf}},
  {"asin",     "", Kind::Functional, "AsinBackward0", {kSelf}},
  {"acos",     "", Kind::Functional, "AcosBackward0", {kSelf}},
  {"atan",     "", Kind::Functional, "AtanBackward0", {kSelf}},
  {"sinh",     "", Kind::Functional, "SinhBackward0", {kSelf}},
  {"cosh",     "", Kind::Functional, "CoshBackward0", {kSelf}},
  {"leaky_relu", "", Kind::Functional, "LeakyReluBackward0", {kSelf}},
  {"gelu",     "", Kind::Functional, "GeluBackward0", {kSelf}},
  {"silu",     "", Kind::Functional, "SiluBackward0", {kSelf}},
  {"softplus", "", Kind::Functional, "SoftplusBackward0", {kSelf}},
  {"hardtanh", "", Kind::Functional, "HardtanhBackward0", {kSelf}},
  {"bmm",      "", Kind::Functional, "BmmBackward0", {kSelfIfOther, kOtherIfSelf}},
  {"conv1d",   "", Kind::Functional, "ConvolutionBackward0", {kSelf, kOther}},
  {"conv3d",   "", Kind::Functional, "ConvolutionBackward0", {kSelf, kOther}},
  // layer_norm(input, normalized_shape, weight, bias)
  {"layer_norm", "", Kind::Functional, "NativeLayerNormBackward0",
     {kSelf, {Operand::Third, When::Always}, {Operand::Fourth, When::Always}}},
  // embedding(weight, indices) keeps the indices.
  {"embedding", "", Kind::Functional, "EmbeddingBackward0", {kOther}},
  {"max_pool2d", "", Kind::Functional, "MaxPool2DWithIndicesBackward0",
     {kSelf, {Operand::Result1, When::Always}}},
  {"avg_pool2d", "", Kind::Functional, "AvgPool2DBackward0", {kSelf}},
  {"logsumexp", "", Kind::Functional, "LogsumexpBackward0", {kSelf, kResult}},
  {"prod",     "", Kind::Functional, "ProdBackward0", {kSelf, kResult}},
  {"norm",     "", Kind::Functional, "NormBackward1", {kSelf, kResult}},
  {"var",      "", Kind::Functional, "VarBackward0", {kSelf}},
  {"std",      "", Kind::Functional, "StdBackward0", {kSelf, kResult}},
  {"cumsum",   "", Kind::Functional, "CumsumBackward0", {}},
  // gather / index_select (self, dim, index) keep the index.
  {"gather",   "", Kind::Functional, "GatherBackward0", {{Operand::Third, When::Always}}},
  {"index_select", "", Kind::Functional, "IndexSelectBackward0",
     {{Operand::Third, When::Always}}},
  {"binary_cross_entropy", "", Kind::Functional, "BinaryCrossEntropyBackward0",
     {kSelf, kOther, {Operand::Third, When::Always}}},
  {"l1_loss",  "", Kind::Functional, "L1LossBackward0", {kSelf, kOther}},
  {"smooth_l1_loss", "", Kind::Functional, "SmoothL1LossBackward0", {kSelf, kOther}},
};
// clang-format on

// Looks an op up by name and overload ("" matches the first entry of that
// name). Returns nullptr for ops the table does not know.
constexpr const OpInfo* find(std::string_view name,
                             std::string_view overload = {}) {
  for (const OpInfo& op : kOpTable) {
    if (op.name == name && (overload.empty() || op.overload == overload))
      return &op;
  }
  return nullptr;
}

constexpr bool isInPlace(const OpInfo& op) { return op.kind == Kind::InPlace; }
constexpr bool isView(const OpInfo& op) { return op.kind == Kind::View; }

// Whether `op` saves `operand` for backward, given which operands require
// grad. `needs[0..2]` are Self, Other, Third.
constexpr bool saves(const OpInfo& op, Operand operand, const bool needs[3]) {
  for (const Save& s : op.saves) {
    if (s.operand != operand) continue;
    switch (s.when) {
      case When::Always: return true;
      case When::SelfNeedsGrad: if (needs[0]) return true; break;
      case When::OtherNeedsGrad: if (needs[1]) return true; break;
      case When::ThirdNeedsGrad: if (needs[2]) return true; break;
    }
  }
  return false;
}

}  // namespace ops
}  // namespace torch_tidy
