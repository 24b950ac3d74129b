// The op table as constexpr data: the rows and name lists of OpTable.def,
// and the lookups the runtime and the checks share. Header-only, with no
// LibTorch (or runtime) header behind it: the CMake target torch_tidy_ops.
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

// Who implements a row (see OpTable.def).
enum class Source : std::uint8_t { Runtime, Checks };

enum class Operand : std::uint8_t {
  None,
  Self,
  Other,
  Third,
  Fourth,
  Fifth,
  Result,
  Result1
};
// One slot per Operand value (the runtime's saved-tensor array).
constexpr int kNumOperandSlots = 8;
// Positional tensor operands an op can have: Self, Other, Third, Fourth,
// Fifth.
constexpr unsigned kMaxPositionalOperands = 5;
// Save rules per row.
constexpr unsigned kMaxSaves = 5;
// Operands whose requires-grad a save condition can test (When below).
constexpr unsigned kConditionOperands = 3;

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
  std::string_view node;  // grad_fn()->name() of the result; "" if none
  Source source;
  Save saves[kMaxSaves];
};

// The save rules OpTable.def names.
constexpr Save kSelf{Operand::Self, When::Always};
constexpr Save kOther{Operand::Other, When::Always};
constexpr Save kThird{Operand::Third, When::Always};
constexpr Save kFourth{Operand::Fourth, When::Always};
constexpr Save kFifth{Operand::Fifth, When::Always};
constexpr Save kResult{Operand::Result, When::Always};
constexpr Save kResult1{Operand::Result1, When::Always};
constexpr Save kSelfIfOther{Operand::Self, When::OtherNeedsGrad};
constexpr Save kOtherIfSelf{Operand::Other, When::SelfNeedsGrad};
constexpr Save kOtherIfThird{Operand::Other, When::ThirdNeedsGrad};
constexpr Save kThirdIfOther{Operand::Third, When::OtherNeedsGrad};

// Operand slots a module's parameters fill (bit i: positional operand i).
constexpr unsigned kNoParams = 0;
constexpr unsigned kParamOther = 1u << 1;
constexpr unsigned kParamFourth = 1u << 3;
constexpr unsigned kParamFifth = 1u << 4;

#define SAVES(...) {__VA_ARGS__}
inline constexpr OpInfo kOpTable[] = {
#define TORCH_TIDY_OP(Name, Overload, K, Node, Src, Saves) \
  {Name, Overload, Kind::K, Node, Source::Src, Saves},
#include "OpTable.def"
};
#undef SAVES

struct Alias {
  std::string_view spelling, name;
};
inline constexpr Alias kAliases[] = {
#define TORCH_TIDY_ALIAS(Spelling, Name) {Spelling, Name},
#include "OpTable.def"
};

inline constexpr std::string_view kNoGradNames[] = {
#define TORCH_TIDY_NO_GRAD_NAME(Name) Name,
#include "OpTable.def"
};

inline constexpr std::string_view kFactoryNames[] = {
#define TORCH_TIDY_FACTORY(Name) Name,
#include "OpTable.def"
};

struct ModuleOp {
  std::string_view module;  // qualified class name
  std::string_view op;      // the row its forward is
  unsigned params;          // operand slots filled by its parameters
};
inline constexpr ModuleOp kModuleOps[] = {
#define TORCH_TIDY_MODULE_OP(Class, Op, Params) {Class, Op, Params},
#include "OpTable.def"
};

inline constexpr std::string_view kModeDependentLayers[] = {
#define TORCH_TIDY_MODE_DEPENDENT_LAYER(Class) Class,
#include "OpTable.def"
};

inline constexpr std::string_view kParameterFreeLayers[] = {
#define TORCH_TIDY_PARAMETER_FREE_LAYER(Class) Class,
#include "OpTable.def"
};

inline constexpr std::string_view kOpaqueContainers[] = {
#define TORCH_TIDY_OPAQUE_CONTAINER(Class) Class,
#include "OpTable.def"
};

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
// grad: `needs[0..kConditionOperands)` are Self, Other, Third.
constexpr bool saves(const OpInfo& op, Operand operand,
                     const bool needs[kConditionOperands]) {
  for (const Save& s : op.saves) {
    if (s.operand != operand) continue;
    switch (s.when) {
      case When::Always:
        return true;
      case When::SelfNeedsGrad:
        if (needs[0]) return true;
        break;
      case When::OtherNeedsGrad:
        if (needs[1]) return true;
        break;
      case When::ThirdNeedsGrad:
        if (needs[2]) return true;
        break;
    }
  }
  return false;
}

template <std::size_t N>
constexpr bool listed(const std::string_view (&list)[N],
                      std::string_view name) {
  for (std::string_view entry : list)
    if (entry == name) return true;
  return false;
}

// The table's name for a spelling (`multiply` -> `mul`); other names as
// they are.
constexpr std::string_view canonicalName(std::string_view spelling) {
  for (const Alias& a : kAliases)
    if (a.spelling == spelling) return a.name;
  return spelling;
}

constexpr bool isNoGradName(std::string_view name) {
  return listed(kNoGradNames, name);
}
constexpr bool isFactoryName(std::string_view name) {
  return listed(kFactoryNames, name);
}
constexpr bool isModeDependentLayer(std::string_view qualifiedClass) {
  return listed(kModeDependentLayers, qualifiedClass);
}
constexpr bool isOpaqueContainer(std::string_view qualifiedClass) {
  return listed(kOpaqueContainers, qualifiedClass);
}

// The op a built-in module's forward is, or nullptr.
constexpr const ModuleOp* findModuleOp(std::string_view qualifiedClass) {
  for (const ModuleOp& m : kModuleOps)
    if (m.module == qualifiedClass) return &m;
  return nullptr;
}

// A built-in layer without parameters (a kNoParams module op or a listed
// layer).
constexpr bool isParameterFreeLayer(std::string_view qualifiedClass) {
  if (const ModuleOp* m = findModuleOp(qualifiedClass))
    return m->params == kNoParams;
  return listed(kParameterFreeLayers, qualifiedClass);
}

// Every name the lists map to is a row: a typo fails the build.
constexpr bool everyNameIsARow() {
  for (const Alias& a : kAliases)
    if (!find(a.name)) return false;
  for (const ModuleOp& m : kModuleOps)
    if (!find(m.op)) return false;
  return true;
}
static_assert(everyNameIsARow(), "OpTable.def names an op it has no row for");

}  // namespace ops
}  // namespace torch_tidy
