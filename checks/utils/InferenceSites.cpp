#include "InferenceSites.h"
#include "AnalysisLimits.h"

#include "ConstantValues.h"
#include "ControlFlow.h"
#include "ModuleMembers.h"
#include "ProjectRecording.h"
#include "TorchTypes.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::torch_tidy {

static constexpr llvm::StringLiteral ForwardId = "tt-forward";
static constexpr llvm::StringLiteral CallId = "tt-call";
static constexpr llvm::StringLiteral ModeId = "tt-mode";
static constexpr llvm::StringLiteral DefinitionId = "tt-definition";
static constexpr llvm::StringLiteral ConstructorId = "tt-constructor";

// Everything about one function body that the analysis asks repeatedly.
struct InferenceSites::FunctionFacts {
  bool Trains = false;
  // A call in a template's pattern that may train once instantiated
  // (mayBeTrainingCall).
  bool MayTrainInDependentCode = false;
  bool SetsGradFlags = false;  // requires_grad_(), GradMode::set_enabled()
  bool FreezesTensors = false; // requires_grad_(false) and the like
  // GradMode::set_enabled() calls: those that may turn gradients off (false
  // or not a constant) and those that turn them on; whether an argument of
  // the first kind is only known at run time.
  std::vector<const Stmt *> GradModeOff, GradModeOn;
  bool GradModeOffUnknown = false;
  // The forward passes of the function whose result reaches a backward
  // pass, with their models (computed on first use: trainingForwards()).
  std::optional<std::vector<std::pair<ModelRef, const Expr *>>> Trained;
  std::vector<ModeCall> ModeCalls;
  // Models loaded in the function, with the loading call.
  std::vector<std::pair<ModelRef, const CallExpr *>> Loads;
  std::unique_ptr<ControlFlow> Flow;
};

InferenceSites::InferenceSites(llvm::StringRef InferenceFunctions)
    : NameRegex(InferenceFunctions, llvm::Regex::IgnoreCase) {}

InferenceSites::~InferenceSites() = default;

std::string InferenceSites::regexError() const {
  std::string Error;
  return NameRegex.isValid(Error) ? std::string() : Error;
}

void InferenceSites::registerMatchers(MatchFinder *Finder,
                                      MatchFinder::MatchCallback *Callback,
                                      const CheckedCodeMatcher &InCheckedCode,
                                      Collect What) {
  // Every call to a function: the TU's call graph (callers of helpers).
  Finder->addMatcher(
      callExpr(InCheckedCode, callee(functionDecl())).bind(CallId), Callback);
  // Function definitions with parameters (whole-project facts).
  Finder->addMatcher(functionDecl(InCheckedCode, isDefinition(),
                                  unless(isImplicit()),
                                  hasAnyParameter(anything()))
                         .bind(DefinitionId),
                     Callback);
  if (What == Collect::CallGraph)
    return;
  // Forward passes: m->forward(x), m.run_method("forward"), m(x).
  Finder->addMatcher(
      cxxMemberCallExpr(InCheckedCode, callee(cxxMethodDecl(hasAnyName(
                                           "forward", "run_method"))))
          .bind(ForwardId),
      Callback);
  Finder->addMatcher(
      cxxOperatorCallExpr(InCheckedCode, hasOverloadedOperatorName("()"))
          .bind(ForwardId),
      Callback);
  // In a template's pattern: dependentForwardCallee (ModelCalls.h).
  Finder->addMatcher(callExpr(InCheckedCode, isTypeDependent(),
                              callee(memberExpr(member(hasName("forward")))))
                         .bind(ForwardId),
                     Callback);
  // Constructor definitions: which members a module registers (facts for
  // the whole project).
  Finder->addMatcher(
      cxxConstructorDecl(InCheckedCode, isDefinition(), unless(isImplicit()))
          .bind(ConstructorId),
      Callback);
  // Mode switches, for eval() done in another member function.
  Finder->addMatcher(
      cxxMemberCallExpr(InCheckedCode,
                        callee(cxxMethodDecl(hasAnyName("eval", "train"))))
          .bind(ModeId),
      Callback);
}

namespace {
// `model(x)` on a ModuleHolder runs its module's `forward`: a call of it
// (when the module declares one `forward`).
const FunctionDecl *holderForward(ASTContext &Ctx, const FunctionDecl *Callee) {
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (!Method || Method->getOverloadedOperator() != OO_Call)
    return nullptr;
  const CXXRecordDecl *Impl = moduleHolderImpl(Method->getParent());
  if (!Impl || !Impl->hasDefinition())
    return nullptr;
  const FunctionDecl *Forward = nullptr;
  for (const NamedDecl *D : Impl->lookup(&Ctx.Idents.get("forward"))) {
    const auto *M = dyn_cast<CXXMethodDecl>(D);
    if (!M || Forward)
      return nullptr;
    Forward = M;
  }
  return Forward;
}
} // namespace

bool InferenceSites::collect(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *E = Result.Nodes.getNodeAs<Expr>(ForwardId)) {
    ForwardCandidates.push_back(E);
    return true;
  }
  if (const auto *C = Result.Nodes.getNodeAs<CallExpr>(CallId)) {
    if (const FunctionDecl *Callee = C->getDirectCallee()) {
      Callers[Callee->getCanonicalDecl()].push_back(C);
      if (const FunctionDecl *Forward = holderForward(*Ctx, Callee))
        Callers[Forward->getCanonicalDecl()].push_back(C);
    }
    return true;
  }
  if (const auto *D = Result.Nodes.getNodeAs<FunctionDecl>(DefinitionId)) {
    Definitions.push_back(D);
    return true;
  }
  if (const auto *C =
          Result.Nodes.getNodeAs<CXXConstructorDecl>(ConstructorId)) {
    Constructors.push_back(C);
    return true;
  }
  if (const auto *M = Result.Nodes.getNodeAs<CXXMemberCallExpr>(ModeId)) {
    if (std::optional<ModeCall> Mode = asModeCall(*Ctx, M))
      MemberModeCalls.push_back(*Mode);
    return true;
  }
  return false;
}

namespace {
// `torch::autograd::GradMode::set_enabled(b)` (one argument).
bool isGradModeSetEnabled(const CallExpr *C) {
  const FunctionDecl *FD = C->getDirectCallee();
  return FD && FD->getIdentifier() && FD->getName() == "set_enabled" &&
         C->getNumArgs() == 1 &&
         FD->getQualifiedNameAsString().find("GradMode") != std::string::npos;
}

// `p.requires_grad_(false)`, `p.set_requires_grad(false)`,
// `GradMode::set_enabled(false)`: whether a graph is recorded is set by hand.
// Turning gradients on (`z.requires_grad_()`, `requires_grad_(true)`, an
// optimisation over an input) hides no graph, nor does freezing one named
// member weight: not counted.
bool setsGradFlag(const ASTContext &Ctx, const CallExpr *C) {
  const FunctionDecl *FD = C->getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return false;
  const llvm::StringRef Name = FD->getName();
  const bool Flag =
      Name == "requires_grad_" || Name == "set_requires_grad" ||
      (Name == "set_enabled" &&
       FD->getQualifiedNameAsString().find("GradMode") != std::string::npos);
  if (!Flag || C->getNumArgs() == 0)
    return Flag;
  // One named weight frozen (`net->embedding->weight.requires_grad_(false)`,
  // a pretrained embedding): the other parameters still record a graph.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C))
    if (isa<MemberExpr>(MC->getImplicitObjectArgument()->IgnoreParenImpCasts()))
      return false;
  const Expr *Arg = C->getArg(C->getNumArgs() - 1);
  if (isa<CXXDefaultArgExpr>(Arg)) // requires_grad_(): true
    return false;
  return constantBool(Ctx, Arg) != std::optional<bool>(true);
}
} // namespace

InferenceSites::FunctionFacts &
InferenceSites::factsOf(const EnclosingFunction &F) {
  std::unique_ptr<FunctionFacts> &Slot = Facts[F.Function];
  if (Slot)
    return *Slot;
  Slot = std::make_unique<FunctionFacts>();
  FunctionFacts &Out = *Slot;
  for (const BoundNodes &N :
       match(stmt(forEachDescendant(callExpr().bind("c"))), *F.Body, *Ctx)) {
    const auto *C = N.getNodeAs<CallExpr>("c");
    if (isTrainingCall(C))
      Out.Trains = true;
    Out.MayTrainInDependentCode |= mayBeTrainingCall(C);
    const bool SetsMode = isGradModeSetEnabled(C);
    if (setsGradFlag(*Ctx, C)) {
      Out.SetsGradFlags = true;
      Out.FreezesTensors |= !SetsMode;
    }
    if (SetsMode) {
      const std::optional<bool> On = constantBool(*Ctx, C->getArg(0));
      (On == std::optional<bool>(true) ? Out.GradModeOn : Out.GradModeOff)
          .push_back(C);
      Out.GradModeOffUnknown |= !On.has_value();
    }
    if (const auto *M = dyn_cast<CXXMemberCallExpr>(C))
      if (std::optional<ModeCall> Mode = asModeCall(*Ctx, M))
        Out.ModeCalls.push_back(*Mode);
    if (std::optional<ModelRef> Target = torchLoadTarget(C))
      Out.Loads.push_back({*Target, C});
  }
  // `auto m = torch::jit::load(p);` and `m = torch::jit::load(p);`.
  const auto JitLoad =
      callExpr(callee(functionDecl(hasName("::torch::jit::load"))));
  const auto LoadValue = anyOf(ignoringImplicit(JitLoad.bind("c")),
                               hasDescendant(JitLoad.bind("c")));
  for (const BoundNodes &N :
       match(stmt(forEachDescendant(
                 varDecl(hasInitializer(LoadValue)).bind("v"))),
             *F.Body, *Ctx)) {
    ModelRef Ref;
    Ref.Chain.push_back(N.getNodeAs<VarDecl>("v")->getCanonicalDecl());
    Out.Loads.push_back({Ref, N.getNodeAs<CallExpr>("c")});
  }
  for (const BoundNodes &N :
       match(stmt(forEachDescendant(
                 cxxOperatorCallExpr(hasOverloadedOperatorName("="),
                                     hasArgument(1, LoadValue))
                     .bind("a"))),
             *F.Body, *Ctx)) {
    const auto *Assign = N.getNodeAs<CXXOperatorCallExpr>("a");
    if (std::optional<ModelRef> Ref = modelRefOf(Assign->getArg(0)))
      Out.Loads.push_back({*Ref, N.getNodeAs<CallExpr>("c")});
  }
  Out.Flow = std::make_unique<ControlFlow>(F.Body, *Ctx);
  return Out;
}

namespace {
// Whether a mode call on `Switch` switches `Model`: same chain, a prefix of
// it (an owner), or `this->eval()` in a member of the owning module. The
// mode reaches a child through an owner only along registered submodules.
// The first member on the way from `Switch` down to `Model` that is not a
// registered submodule, if any.
const FieldDecl *unregisteredBetween(const ModelRef &Switch,
                                     const ModelRef &Model) {
  for (size_t I = Switch.Chain.size(); I < Model.Chain.size(); ++I) {
    const auto *Field = dyn_cast<FieldDecl>(Model.Chain[I]);
    if (Field && !isRegisteredSubmodule(Field))
      return Field;
  }
  return nullptr;
}

bool switches(const ModelRef &Switch, const ModelRef &Model) {
  if (!Switch.empty() && !Switch.covers(Model))
    return false;
  if (Switch.empty() && !Model.empty() && !isa<FieldDecl>(Model.root()))
    return false;
  for (size_t I = Switch.Chain.size(); I < Model.Chain.size(); ++I)
    if (!isa<FieldDecl>(Model.Chain[I]))
      return false;
  return unregisteredBetween(Switch, Model) == nullptr;
}

// Whether a mode switch on either reference reaches the other (a train()
// on an owner or on a member of the model both count).
bool switchesEither(const ModelRef &A, const ModelRef &B) {
  return switches(A, B) || switches(B, A);
}
} // namespace

const ModeCall *InferenceSites::evalOnPath(const FunctionFacts &F,
                                           const ModelRef &Model,
                                           const Stmt *Call,
                                           const FieldDecl *&Unregistered) {
  for (const ModeCall &Eval : F.ModeCalls) {
    if (Eval.Change != ModeChange::Eval)
      continue;
    if (!switches(Eval.Model, Model)) {
      // An owner's eval() that stops at an unregistered member: worth a note.
      if (Eval.Model.covers(Model) && !Unregistered)
        Unregistered = unregisteredBetween(Eval.Model, Model);
      continue;
    }
    if (!F.Flow->dominates(Eval.Call, Call))
      continue;
    // A train() that can run between the eval() and the call undoes it
    // (one at the top of a loop, before the eval(), does not).
    const bool Undone = llvm::any_of(F.ModeCalls, [&](const ModeCall &T) {
      return T.Change == ModeChange::Train && switchesEither(T.Model, Model) &&
             F.Flow->canReach(Eval.Call, T.Call) &&
             F.Flow->canReachAvoiding(T.Call, Call, {Eval.Call});
    });
    if (!Undone)
      return &Eval;
  }
  return nullptr;
}

bool InferenceSites::modeSwitchedBack(const FunctionFacts &F,
                                      const ModelRef &Model) {
  return llvm::any_of(F.ModeCalls, [&](const ModeCall &M) {
    return M.Change != ModeChange::Eval && switchesEither(M.Model, Model);
  });
}

const ModeCall *InferenceSites::anyEvalOf(const FunctionFacts &F,
                                          const ModelRef &Model) {
  for (const ModeCall &M : F.ModeCalls)
    if (M.Change == ModeChange::Eval && switches(M.Model, Model))
      return &M;
  return nullptr;
}

const ModeCall *InferenceSites::trainOnPath(const FunctionFacts &F,
                                            const ModelRef &Model,
                                            const Stmt *Call) {
  auto SameModel = [&](const ModeCall &M) {
    return switchesEither(M.Model, Model);
  };
  for (const ModeCall &Train : F.ModeCalls) {
    if (Train.Change != ModeChange::Train || !switches(Train.Model, Model) ||
        !F.Flow->dominates(Train.Call, Call))
      continue;
    const bool MaybeUndone = llvm::any_of(F.ModeCalls, [&](const ModeCall &M) {
      return M.Change != ModeChange::Train && SameModel(M) &&
             F.Flow->canReach(Train.Call, M.Call) &&
             F.Flow->canReachAvoiding(M.Call, Call, {Train.Call});
    });
    if (!MaybeUndone)
      return &Train;
  }
  return nullptr;
}

GradState InferenceSites::gradModeSetByHandAt(const EnclosingFunction &Fn,
                                              const Stmt *Call) {
  FunctionFacts &Facts = factsOf(Fn);
  if (Facts.GradModeOff.empty())
    return GradState::Enabled;
  if (!Facts.Flow->valid())
    return GradState::Unknown;
  // set_enabled(false) holds at the call where, on some path from it, no
  // set_enabled(true) runs in between; elsewhere the mode is the one the
  // function started with.
  const auto HoldsAtCall = [&](const Stmt *Off) {
    return Facts.Flow->canReachAvoiding(Off, Call, Facts.GradModeOn);
  };
  if (llvm::none_of(Facts.GradModeOff, HoldsAtCall))
    return GradState::Enabled;
  // Off on every path: a set_enabled(false) runs before the call on every
  // path and no set_enabled(true) after it, and every switch is a constant.
  const bool Dominated = llvm::any_of(Facts.GradModeOff, [&](const Stmt *Off) {
    return Facts.Flow->dominates(Off, Call);
  });
  const bool TurnedOnAfter =
      llvm::any_of(Facts.GradModeOn, [&](const Stmt *On) {
        return Facts.Flow->canReachAvoiding(On, Call, Facts.GradModeOff);
      });
  return !Facts.GradModeOffUnknown && Dominated && !TurnedOnAfter
             ? GradState::Disabled
             : GradState::Unknown;
}

bool InferenceSites::gradFlagsDecide(const EnclosingFunction &Fn,
                                     const ModelRef &Model,
                                     GradState ModeByHand) {
  FunctionFacts &Facts = factsOf(Fn);
  if (ModeByHand != GradState::Enabled)
    return true;
  if (!Facts.FreezesTensors)
    return false;
  // Tensors frozen by hand (a fine-tuning loop freezing its backbone): a
  // model the function also trains keeps parameters that require grad (its
  // backward pass would throw otherwise), so its forward records a graph.
  return llvm::none_of(trainingForwards(Fn), [&](const auto &Trained) {
    return Trained.first.covers(Model) || Model.covers(Trained.first);
  });
}

llvm::ArrayRef<std::pair<ModelRef, const Expr *>>
InferenceSites::trainingForwards(const EnclosingFunction &Fn) {
  FunctionFacts &Facts = factsOf(Fn);
  if (!Facts.Trained) {
    Facts.Trained.emplace();
    for (const Expr *E : ForwardCandidates) {
      std::optional<ForwardCall> Other = asForwardCall(E);
      if (Other && enclosingFunction(*Ctx, *E).Function == Fn.Function &&
          flow().usesOf(Fn, E).TrainingUse)
        Facts.Trained->emplace_back(Other->Model, E);
    }
  }
  return *Facts.Trained;
}

const Expr *InferenceSites::trainingPassBefore(const EnclosingFunction &Fn,
                                               const ModelRef &Model,
                                               const Expr *Call) {
  FunctionFacts &Facts = factsOf(Fn);
  if (!Facts.Flow->valid())
    return nullptr;
  const SourceManager &SM = Ctx->getSourceManager();
  std::vector<const Stmt *> Evals;
  for (const ModeCall &M : Facts.ModeCalls)
    if (M.Change == ModeChange::Eval && switches(M.Model, Model))
      Evals.push_back(M.Call);
  for (const auto &[Trained, Pass] : trainingForwards(Fn)) {
    if (!Trained.covers(Model) && !Model.covers(Trained))
      continue;
    // In the training step's own loop, only a pass written after the
    // training pass runs after it; one before it (a discriminator pass of
    // the generator's step, before the discriminator's own) belongs to the
    // step, and reaches the training pass only through the back edge.
    const Stmt *Step = innermostLoop(*Ctx, *Pass);
    if (Step && isWithin(*Ctx, *Call, *Step) &&
        !SM.isBeforeInTranslationUnit(SM.getExpansionLoc(Pass->getBeginLoc()),
                                      SM.getExpansionLoc(Call->getBeginLoc())))
      continue;
    if (Facts.Flow->canReachAvoiding(Pass, Call, Evals))
      return Pass;
  }
  return nullptr;
}

bool InferenceSites::leavesTrainMode(const ModeCall &Train,
                                     const EnclosingFunction &In) {
  const FunctionFacts &F = factsOf(In);
  std::vector<const Stmt *> Evals;
  for (const ModeCall &M : F.ModeCalls)
    if (M.Change == ModeChange::Eval && switchesEither(M.Model, Train.Model))
      Evals.push_back(M.Call);
  return F.Flow->canExitAvoiding(Train.Call, Evals);
}

const ModeCall *InferenceSites::evalInOtherMember(const ModelRef &Model,
                                                  const FunctionDecl *Current) {
  const auto *Field = dyn_cast_or_null<FieldDecl>(Model.root());
  if (!Field)
    return nullptr;
  const RecordDecl *Owner = Field->getParent();
  const ModeCall *Found = nullptr;
  for (const ModeCall &M : MemberModeCalls) {
    const EnclosingFunction Fn = enclosingFunction(*Ctx, *M.Call);
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Fn.Function);
    if (!Method || Method->getParent() != Owner)
      continue;
    if (!switches(M.Model, Model) && !switches(Model, M.Model))
      continue;
    // A member that may leave it in training mode defeats the idiom; one
    // that trains and then evaluates (a Train() ending in its validation
    // pass) leaves it in eval mode.
    if (M.Change == ModeChange::Train && leavesTrainMode(M, Fn))
      return nullptr;
    if (M.Change == ModeChange::Eval && Method != Current)
      Found = &M;
  }
  return Found;
}

const ModeCall *InferenceSites::evalOnSharedSource(const ModelRef &Model) {
  ModelRef Current = Model;
  for (int Depth = 0; Depth < limits::MaxModuleWrapperDepth; ++Depth) {
    const auto *Field = Current.Chain.size() == 1
                            ? dyn_cast<FieldDecl>(Current.root())
                            : nullptr;
    std::optional<ModelRef> Source =
        Field ? sharedModuleSource(*Ctx, Field) : std::nullopt;
    if (!Source)
      return nullptr;
    if (const ModeCall *Eval = evalInOtherMember(*Source, nullptr))
      return Eval;
    Current = *Source;
  }
  return nullptr;
}

bool InferenceSites::guardedByCallers(const FunctionDecl *F, int Depth) {
  if (!F || Depth > limits::MaxGuardCallerDepth)
    return false;
  auto It = Callers.find(F->getCanonicalDecl());
  if (It == Callers.end() || It->second.empty())
    return false;
  for (const CallExpr *Site : It->second) {
    if (liveGuardAt(*Ctx, *Site).State != GradState::Enabled)
      continue;
    const EnclosingFunction Caller = enclosingFunction(*Ctx, *Site);
    if (!guardedByCallers(Caller.Function, Depth + 1))
      return false;
  }
  return true;
}

bool InferenceSites::evalAtCallers(const FunctionDecl *F, unsigned ParamIndex,
                                   int Depth) {
  if (!F || Depth > limits::MaxEvalCallerDepth)
    return false;
  auto It = Callers.find(F->getCanonicalDecl());
  if (It == Callers.end() || It->second.empty())
    return false;
  for (const CallExpr *Site : It->second) {
    if (isa<CXXOperatorCallExpr>(Site) || ParamIndex >= Site->getNumArgs())
      return false;
    std::optional<ModelRef> Arg = modelRefOf(Site->getArg(ParamIndex));
    if (!Arg)
      return false;
    const EnclosingFunction Caller = enclosingFunction(*Ctx, *Site);
    if (!Caller)
      return false;
    const FieldDecl *Ignored = nullptr;
    if (evalOnPath(factsOf(Caller), *Arg, Site, Ignored))
      continue;
    const auto *Param = dyn_cast<ParmVarDecl>(Arg->root());
    if (!Param || Arg->Chain.size() != 1 ||
        !evalAtCallers(Caller.Function, Param->getFunctionScopeIndex(),
                       Depth + 1))
      return false;
  }
  return true;
}

bool InferenceSites::anyCallerTrains(const FunctionDecl *F) {
  auto It = Callers.find(F->getCanonicalDecl());
  if (It == Callers.end())
    return false;
  for (const CallExpr *Site : It->second) {
    const EnclosingFunction Caller = enclosingFunction(*Ctx, *Site);
    if (Caller && factsOf(Caller).Trains)
      return true;
  }
  return false;
}

ValueFlow &InferenceSites::flow() {
  if (!Flow)
    Flow = std::make_unique<ValueFlow>(*Ctx);
  return *Flow;
}

bool InferenceSites::resultTrainsAtCaller(const FunctionDecl *F, int Depth) {
  if (Depth > limits::MaxGuardCallerDepth)
    return false;
  auto It = Callers.find(F->getCanonicalDecl());
  if (It == Callers.end())
    return false;
  for (const CallExpr *Site : It->second) {
    const EnclosingFunction Caller = enclosingFunction(*Ctx, *Site);
    if (!Caller)
      continue;
    const ValueUses Uses = flow().usesOf(Caller, Site);
    if (Uses.TrainingUse)
      return true;
    if (Uses.Returned && resultTrainsAtCaller(Caller.Function, Depth + 1))
      return true;
  }
  return false;
}

namespace {
// A function template's pattern that has an instantiation with a body: the
// instantiations are analysed instead (the pattern's CFG cannot follow
// dependent code, such as a range over a dependent container, so an eval()
// before it would not be credited). A template never instantiated is
// analysed on its pattern.
bool instantiatedElsewhere(const FunctionDecl *F) {
  const FunctionTemplateDecl *T = F->getDescribedFunctionTemplate();
  return T && llvm::any_of(T->specializations(), [](const FunctionDecl *S) {
           return S->getBody() != nullptr;
         });
}

// A module's `forward` or `operator()`: the forward pass it runs is its
// owner's, started by the call of the module.
bool isForwardFunction(const FunctionDecl *Fn) {
  return (Fn->getIdentifier() && Fn->getName() == "forward") ||
         Fn->getOverloadedOperator() == OO_Call;
}

// A module class, or a ModuleHolder around one.
bool isModuleOrHolder(const CXXRecordDecl *Class) {
  return isNNModuleClass(Class) || moduleHolderImpl(Class);
}

// A module's (or holder's) own forward pass: what it runs is its caller's
// forward pass.
bool isModuleForward(const FunctionDecl *Fn) {
  const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
  return Method && isForwardFunction(Method) &&
         isModuleOrHolder(Method->getParent());
}

// A layer call inside its module's forward whose result stays there (read
// for a log line, or dead: overwritten before use) says nothing about
// inference: the module's call decides, and one finding belongs there.
bool layerResultStaysInForward(const InferenceSite &S) {
  return S.InsideModule && isForwardFunction(S.Function.Function) &&
         S.Uses.staysLocal() && !S.contextSaysInference();
}

// Whether `Model` is the object of a member function of `Class` itself
// (`forward(x)` in its generate()) or one of its members (or its bases').
bool isSelfOrMember(const CXXRecordDecl *Class, const ModelRef &Model) {
  if (Model.empty())
    return true;
  const auto *Field = dyn_cast<FieldDecl>(Model.root());
  if (!Field)
    return false;
  const auto *Owner = dyn_cast<CXXRecordDecl>(Field->getParent());
  return Class == Owner || (Owner && Class->isDerivedFrom(Owner));
}

// Nothing but other files may make the forward pass training: no flags
// set by hand, not a module's own layer.
bool othersDecide(const InferenceSite &S) {
  return !S.GradFlagsSetByHand && !S.InsideModule && !S.InsideHolder;
}

// A module's own layers run by one of its other member functions (a
// policy's act() or get_values()), whose results go back to the callers:
// that member is the module's inference entry point, and its callers decide
// as for any helper (those that are a module's forward excepted: there the
// module's call decides, ProjectIndex::inspectingUnguardedCall).
bool entryPointOfModule(const InferenceSite &S) {
  return S.InsideModule && !S.InsideHolder && !S.GradFlagsSetByHand &&
         !isForwardFunction(S.Function.Function);
}

// A forward pass without a guard whose result only goes back to the
// callers: they decide whether it is inference.
bool onlyReturned(const InferenceSite &S) {
  return S.Uses.Returned && !S.Uses.TrainingUse && !S.Uses.Escapes &&
         S.Uses.Unseen.empty() && (othersDecide(S) || entryPointOfModule(S)) &&
         S.Guard.State == GradState::Enabled && !S.Guard.Guard;
}
} // namespace

std::vector<InferenceSite> InferenceSites::analyze(bool ForProject) {
  std::vector<InferenceSite> Sites;
  if (!Ctx)
    return Sites;
  for (const Expr *E : ForwardCandidates) {
    std::optional<ForwardCall> F = asForwardCall(E);
    if (!F)
      continue;
    InferenceSite S;
    S.Forward = *F;
    S.Function = enclosingFunction(*Ctx, *E);
    if (!S.Function || instantiatedElsewhere(S.Function.Function))
      continue;
    // One forward calling another of its module (an overload, `operator()`):
    // the outer call of the module decides.
    if (F->Model.empty() && isForwardFunction(S.Function.Function))
      continue;
    const FunctionFacts &Facts = factsOf(S.Function);
    const FunctionDecl *Fn = S.Function.Function;
    // A forward pass with dependent arguments in a template nothing
    // instantiates: its value flow runs through untyped calls, and the CFG
    // may not hold it. Only a function that cannot train is judged, and
    // its mode switches are taken whatever their order.
    if (F->Dependent && (Facts.Trains || Facts.MayTrainInDependentCode ||
                         modeSwitchedBack(Facts, F->Model)))
      continue;
    S.Uses = flow().usesOf(S.Function, E);
    S.GradModeByHand = gradModeSetByHandAt(S.Function, E);
    S.GradFlagsSetByHand =
        gradFlagsDecide(S.Function, F->Model, S.GradModeByHand);
    S.SwitchesGradMode =
        !Facts.GradModeOff.empty() || !Facts.GradModeOn.empty();
    // A result only passed to helpers of other files: they decide.
    const bool HelpersDecide = ForProject && S.Uses.onlyUnseenLeft();
    // In a function that trains, a result that goes anywhere but to logging
    // and metrics may feed a backward pass.
    if (Facts.Trains && !S.resultOnlyInspected() && !HelpersDecide)
      continue;
    if (S.Uses.Returned && resultTrainsAtCaller(Fn, 0))
      continue;
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Fn)) {
      const CXXRecordDecl *Class = Method->getParent();
      S.InsideHolder = moduleHolderImpl(Class) != nullptr;
      S.InsideModule =
          isModuleOrHolder(Class) && isSelfOrMember(Class, F->Model);
    }
    S.NameMatches = Fn->getIdentifier() && NameRegex.match(Fn->getName());
    for (const auto &[Ref, Call] : Facts.Loads)
      if (Ref.covers(F->Model))
        S.LoadedBy = Call;
    S.Guard = liveGuardAt(*Ctx, *E);
    if (S.Guard.State == GradState::Enabled && !S.Guard.Guard)
      S.GuardedByCallers = guardedByCallers(Fn, 0);
    S.EvalOnPath = evalOnPath(Facts, F->Model, E, S.UnregisteredChild);
    S.EvalInMember = S.EvalOnPath ? nullptr : evalInOtherMember(F->Model, Fn);
    // A member set from another module it shares (a TorchScript submodule,
    // a copied handle): that module's eval() in any member reaches it.
    if (!S.EvalOnPath && !S.EvalInMember)
      S.EvalInMember = evalOnSharedSource(F->Model);
    if (F->Dependent && !S.EvalOnPath)
      S.EvalOnPath = anyEvalOf(Facts, F->Model);
    S.EvalEstablished = S.EvalOnPath || S.EvalInMember;
    if (!S.EvalEstablished)
      S.TrainOnPath = trainOnPath(Facts, F->Model, E);
    if (!S.EvalEstablished)
      if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(F->Model.root()))
        S.EvalEstablished =
            evalAtCallers(Fn, Param->getFunctionScopeIndex(), 0);
    if (Facts.Trains && S.resultOnlyInspected() && !S.contextSaysInference())
      S.TrainingPassBefore = trainingPassBefore(S.Function, F->Model, E);
    if (layerResultStaysInForward(S))
      continue;
    if (S.isInference() && !(Facts.Trains && HelpersDecide)) {
      Sites.push_back(std::move(S));
    } else if (ForProject && onlyReturned(S)) {
      S.DecidedByCallers = true;
      Sites.push_back(std::move(S));
    } else if (HelpersDecide && othersDecide(S)) {
      S.DecidedByHelpers = true;
      Sites.push_back(std::move(S));
    }
  }
  return Sites;
}

std::optional<project::CallFact>
InferenceSites::callFact(const FunctionDecl *Callee, const CallExpr *Site) {
  const EnclosingFunction Caller = enclosingFunction(*Ctx, *Site);
  if (!Caller)
    return std::nullopt;
  std::optional<std::string> CallerUSR = project::usrOf(Caller.Function);
  std::optional<std::string> CalleeUSR = project::usrOf(Callee);
  std::optional<project::SourcePoint> At =
      project::pointOf(*Ctx, Site->getBeginLoc());
  if (!CallerUSR || !CalleeUSR || !At)
    return std::nullopt;
  project::CallFact C;
  C.Caller = std::move(*CallerUSR);
  C.Callee = std::move(*CalleeUSR);
  C.At = std::move(*At);
  C.Guard = project::callGuardOf(liveGuardAt(*Ctx, *Site).State);
  C.InForward = isModuleForward(Caller.Function);
  if (mayHoldTensor(Callee->getReturnType())) {
    const ValueUses Uses = flow().usesOf(Caller, Site);
    C.Use = project::resultUseOf(Uses);
    // Helpers of other files, or grad flags set by hand: not known here.
    if (C.Use == project::ResultUse::Inspected &&
        (!Uses.Unseen.empty() || factsOf(Caller).SetsGradFlags))
      C.Use = project::ResultUse::Escapes;
  }
  // Models passed as arguments: in eval mode here, or the caller's own
  // parameter (an operator call's arguments are not followed, as in
  // evalAtCallers).
  if (isa<CXXOperatorCallExpr>(Site))
    return C;
  for (unsigned I = 0; I < Site->getNumArgs(); ++I) {
    const Expr *Arg = Site->getArg(I);
    if (!modelClassOf(Arg->getType()))
      continue;
    std::optional<ModelRef> Ref = modelRefOf(Arg);
    if (!Ref)
      continue;
    const FieldDecl *Ignored = nullptr;
    if (evalOnPath(factsOf(Caller), *Ref, Site, Ignored))
      C.EvalArgs.push_back(I);
    else if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->root());
             Param && Ref->Chain.size() == 1)
      C.ParamArgs.push_back({I, Param->getFunctionScopeIndex()});
  }
  return C;
}

void InferenceSites::recordParams(project::FactsRecorder &R) {
  const SourceManager &SM = Ctx->getSourceManager();
  llvm::SmallPtrSet<const FunctionDecl *, 32> Done;
  for (const FunctionDecl *F : Definitions) {
    // Only what another file can call by name: not a file-local function,
    // nor a module's forward (a forward pass there, not a helper call).
    if (F->isDependentContext() || !Done.insert(F).second ||
        !F->isExternallyVisible() || isLibraryFunction(F, SM) ||
        isForwardFunction(F))
      continue;
    std::optional<std::string> USR = project::usrOf(F);
    if (!USR)
      continue;
    for (unsigned I = 0; I < F->getNumParams(); ++I) {
      const QualType T = F->getParamDecl(I)->getType();
      if (!mayHoldTensor(T) || modelClassOf(T))
        continue;
      const ValueUses Uses = flow().usesOfParameter(F, I);
      project::ParamFact Fact;
      Fact.Of = {*USR, I};
      Fact.Use = project::resultUseOf(Uses);
      if (std::optional<std::vector<project::HelperParam>> Helpers =
              project::unseenHelpersOf(Uses))
        Fact.PassedTo = std::move(*Helpers);
      else
        Fact.Use = project::ResultUse::Escapes;
      R.Facts.Params.push_back(std::move(Fact));
    }
  }
}

void InferenceSites::recordFacts(project::FactsRecorder &R) {
  if (!Ctx || !R.claimFacts())
    return;
  recordParams(R);
  const SourceManager &SM = Ctx->getSourceManager();
  for (const auto &[Callee, Sites] : Callers) {
    if (isLibraryFunction(Callee, SM))
      continue;
    for (const CallExpr *Site : Sites)
      if (std::optional<project::CallFact> C = callFact(Callee, Site))
        R.Facts.Calls.push_back(std::move(*C));
  }
}

} // namespace clang::tidy::torch_tidy
