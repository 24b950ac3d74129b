// Every depth and budget limit of the checks' analyses, in one place. Each
// bounds work on code that is pathological (generated, deeply nested or
// recursive); real code stays far below them. Past a limit an analysis
// answers "unknown", and the checks stay silent on what depends on it.
#pragma once

#include <cstdint>

namespace clang::tidy::torch_tidy::limits {

// --- autograd flow analysis (AutogradFlow.h) --------------------------------
// Functions whose CFG has more blocks are not analyzed (unknown summary).
constexpr unsigned MaxFlowBlocks = 4000;
// Work a function's fixed point may do before it is given up (no findings,
// unknown summary): state entries produced per block visit, one per
// element, and the entries scanned by renames (AutogradFlow.cpp), checked
// after each element. A generated 1200-line function with 400 branches is
// given up within seconds, and a 6000-statement straight-line function is
// analysed whole (test/tool/large-function.test).
constexpr std::uint64_t FlowWorkBudget = 10'000'000;

// --- expressions -------------------------------------------------------------
// Wrappers (parentheses, casts, temporaries, copies, std::move) peeled off
// a tensor value (TensorOps.h stripTensorWrappers).
constexpr int MaxTensorWrapperDepth = 32;
// Wrappers peeled off a module expression or a container's initializer
// (ModelCalls.cpp, ModeDependence.cpp).
constexpr int MaxModuleWrapperDepth = 16;
// Operators and read-only locals followed when evaluating a branch
// condition (FeasibleEdges.cpp).
constexpr int MaxConstantDepth = 32;

// --- types and modules
// --------------------------------------------------------- Base classes
// followed when classifying a type (TorchTypes.cpp).
constexpr int MaxBaseClassDepth = 16;
// Nested submodules followed when deciding whether a model has Dropout or
// BatchNorm (ModeDependence.cpp).
constexpr int MaxSubmoduleDepth = 12;
// Nested submodules searched for a member that is not registered.
constexpr int MaxUnregisteredMemberDepth = 8;

// --- callers (InferenceSites.cpp; ProjectIndex.cpp with -p)
// --------------------------------------------- Caller levels searched for a
// grad guard around a helper's calls.
constexpr int MaxGuardCallerDepth = 4;
// Caller levels searched for eval() on a model passed as a parameter.
constexpr int MaxEvalCallerDepth = 3;

// --- value flow (ValueFlow.cpp)
// ----------------------------------------------- Helper levels followed
// through their parameters.
constexpr int MaxValueFlowCallDepth = 3;
// References resolved to the local they alias, and nesting of member and
// subscript expressions followed to their variable.
constexpr int MaxValueFlowAliasDepth = 8;
// Expression nodes visited by one value-flow query (helpers included); past
// it the value's uses are unknown (treated as leaving the function).
constexpr std::uint64_t ValueFlowWorkBudget = 2'000'000;

} // namespace clang::tidy::torch_tidy::limits
