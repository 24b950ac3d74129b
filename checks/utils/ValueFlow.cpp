#include "ValueFlow.h"
#include "AnalysisLimits.h"

#include "ControlFlow.h"
#include "GraphFree.h"
#include "ModelCalls.h"
#include "TorchTypes.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::torch_tidy {

namespace {

// A structured binding stands for the variable it decomposes.
const ValueDecl *bindingTarget(const ValueDecl *D) {
  if (const auto *B = dyn_cast<BindingDecl>(D))
    if (ValueDecl *Decomposed = B->getDecomposedDecl())
      return Decomposed;
  return D;
}

// A template argument of a container: a type, or a pack of them (tuple).
bool argumentMayHoldTensor(const TemplateArgument &Arg, int Depth) {
  if (Arg.getKind() == TemplateArgument::Type)
    return mayHoldTensor(Arg.getAsType(), Depth);
  if (Arg.getKind() == TemplateArgument::Pack)
    return llvm::any_of(Arg.pack_elements(), [&](const TemplateArgument &A) {
      return argumentMayHoldTensor(A, Depth);
    });
  return false;
}

// The outermost named namespace `FD` is declared in ("" at global scope).
llvm::StringRef outermostNamespace(const FunctionDecl *FD) {
  const NamespaceDecl *Outermost = nullptr;
  for (const DeclContext *DC = FD->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
      Outermost = NS;
  return Outermost && Outermost->getIdentifier() ? Outermost->getName() : "";
}

} // namespace

bool mayHoldTensor(QualType T, int Depth) {
  if (T.isNull() || Depth > 4)
    return true;
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isVoidType() || T->isArithmeticType() || T->isEnumeralType() ||
      T->isNullPtrType())
    return false;
  if (const auto *P = T->getAs<PointerType>())
    return mayHoldTensor(P->getPointeeType(), Depth + 1);
  if (const auto *A = dyn_cast<ArrayType>(T.getTypePtr()))
    return mayHoldTensor(A->getElementType(), Depth + 1);
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return true;
  // Text, streams and tensor metadata.
  if (nameIs(RD, {"std::basic_string", "std::basic_string_view",
                  "std::basic_ostream", "std::basic_ostringstream",
                  "std::basic_stringstream", "std::basic_ofstream",
                  "std::basic_fstream", "std::basic_istream", "c10::Scalar",
                  "c10::Device", "c10::TensorOptions", "c10::SymInt",
                  "c10::Layout", "c10::MemoryFormat"}))
    return false;
  // Containers and wrappers carry what their arguments carry.
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    if (nameIs(RD, {"std::vector", "std::array", "std::pair", "std::tuple",
                    "std::optional", "c10::optional", "c10::ArrayRef",
                    "std::initializer_list", "std::map", "std::unordered_map",
                    "std::deque", "std::list", "std::set"})) {
      return llvm::any_of(Spec->getTemplateArgs().asArray(),
                          [&](const TemplateArgument &Arg) {
                            return argumentMayHoldTensor(Arg, Depth + 1);
                          });
    }
  return true;
}

bool isLibraryFunction(const FunctionDecl *FD, const SourceManager &SM) {
  if (SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation())))
    return true;
  return llvm::is_contained(
      std::initializer_list<llvm::StringRef>{"std", "at", "c10", "torch",
                                             "caffe2", "cv"},
      outermostNamespace(FD));
}

bool isTestFrameworkFunction(const FunctionDecl *FD) {
  const llvm::StringRef Outermost = outermostNamespace(FD);
  if (Outermost == "doctest" || Outermost == "Catch")
    return true;
  // GoogleTest's are in testing::internal (EqHelper, AssertHelper) and on
  // testing::Message; a project's own namespace may also be `testing`.
  if (Outermost != "testing")
    return false;
  const std::string Name = FD->getQualifiedNameAsString();
  return llvm::StringRef(Name).starts_with("testing::internal::") ||
         llvm::StringRef(Name).starts_with("testing::Message::") ||
         llvm::StringRef(Name).starts_with("testing::AssertionResult::");
}

namespace {

bool declaredWithin(const Decl *D, const FunctionDecl *F) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (DC == F)
      return true;
  return false;
}

// Where a store goes: a local variable of the function, or somewhere this
// function cannot follow (a member, a global, through a pointer or a
// reference parameter).
struct Place {
  const VarDecl *Local = nullptr;
  static Place nonLocal() { return {}; }
};

Place placeOf(const Expr *E, const FunctionDecl *F, int Depth = 0);

Place placeOfVariable(const VarDecl *VD, const FunctionDecl *F, int Depth) {
  if (!VD->hasLocalStorage() || !declaredWithin(VD, F))
    return Place::nonLocal();
  if (!VD->getType()->isReferenceType())
    return {VD};
  if (isa<ParmVarDecl>(VD) || !VD->getInit() ||
      Depth > limits::MaxValueFlowAliasDepth)
    return Place::nonLocal();
  // A reference bound to a temporary owns it; one bound to a local
  // aliases it.
  const Expr *Init = VD->getInit()->IgnoreParenImpCasts();
  if (isa<MaterializeTemporaryExpr>(Init) || isa<ExprWithCleanups>(Init))
    return {VD};
  return placeOf(Init, F, Depth + 1);
}

Place placeOf(const Expr *E, const FunctionDecl *F, int Depth) {
  if (!E || Depth > limits::MaxValueFlowAliasDepth)
    return Place::nonLocal();
  E = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(bindingTarget(DRE->getDecl()));
    return VD ? placeOfVariable(VD, F, Depth) : Place::nonLocal();
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (ME->isArrow())
      return Place::nonLocal();
    return placeOf(ME->getBase(), F, Depth + 1);
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    const Expr *Base = AS->getBase()->IgnoreParenImpCasts();
    const auto *DRE = dyn_cast<DeclRefExpr>(Base);
    if (!DRE || !DRE->getType()->isArrayType())
      return Place::nonLocal();
    return placeOf(Base, F, Depth + 1);
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    if (Op->getOperator() == OO_Subscript && Op->getNumArgs() > 0)
      return placeOf(Op->getArg(0), F, Depth + 1);
  // `v.at(i) = t`, `v.back() = t`: a reference into the object.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    if (MC->getType()->isReferenceType() || MC->isGLValue())
      return placeOf(MC->getImplicitObjectArgument(), F, Depth + 1);
  return Place::nonLocal();
}

// `std::tie(a, b)` as the target of an assignment.
const CallExpr *tieCall(const Expr *E) {
  const auto *C = dyn_cast<CallExpr>(E->IgnoreImplicit());
  const FunctionDecl *FD = C ? C->getDirectCallee() : nullptr;
  if (!FD || !FD->getIdentifier() || FD->getName() != "tie" ||
      !FD->isInStdNamespace())
    return nullptr;
  return C;
}

bool isAssignment(const CXXOperatorCallExpr *Op) {
  switch (Op->getOperator()) {
  case OO_Equal:
  case OO_PlusEqual:
  case OO_MinusEqual:
  case OO_StarEqual:
  case OO_SlashEqual:
    return true;
  default:
    return false;
  }
}

} // namespace

// The stores, training calls, returns and helper calls of one function body,
// gathered once.
struct ValueFlow::FunctionStores {
  struct Store {
    Place Into;
    const Expr *From;
    const Stmt *At;   // where it happens (for reaching definitions)
    bool Kills;       // replaces the whole variable (`v = e`, a declaration)
    int Element = -1; // `std::tie(a, b) = e`: the element of e stored
  };
  struct HelperArgument {
    const CallExpr *Call;
    const FunctionDecl *Callee;   // its definition; null: not in the TU
    const FunctionDecl *Declared; // as called; null: an indirect call
    const Expr *Arg;
    unsigned ParamIndex;
  };
  std::vector<Store> Stores;
  // Per local variable, the statements that replace it.
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const Stmt *, 2>> Kills;
  // The body's CFG, built on the first question that needs it (a variable
  // replaced more than once).
  const Stmt *Body = nullptr;
  ASTContext *Ctx = nullptr;
  std::unique_ptr<ControlFlow> Flow;
  // Whether store `Index` can reach `At` with no other kill of its variable
  // in between, memoized.
  bool reaches(unsigned Index, const Stmt *At);
  llvm::DenseMap<std::pair<unsigned, const Stmt *>, bool> Reaches;
  std::vector<const CallExpr *> TrainingCalls;
  std::vector<const Expr *> Returns;
  std::vector<HelperArgument> HelperArguments;
  // Code clang could not make sense of (the file does not compile there).
  std::vector<const RecoveryExpr *> Errors;
};

namespace {

class StoreCollector : public RecursiveASTVisitor<StoreCollector> {
public:
  StoreCollector(ASTContext &Ctx, const FunctionDecl *F,
                 ValueFlow::FunctionStores &Out)
      : SM(Ctx.getSourceManager()), F(F), Out(Out) {}

  bool shouldVisitImplicitCode() const { return true; }
  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitVarDecl(VarDecl *VD) {
    if (const Expr *Init = VD->getInit())
      store(VD->hasLocalStorage() && declaredWithin(VD, F) ? Place{VD}
                                                           : Place::nonLocal(),
            Init, Init, /*Kills=*/true);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp())
      store(placeOf(B->getLHS(), F), B->getRHS(), B,
            B->getOpcode() == BO_Assign && namesVariable(B->getLHS()));
    return true;
  }
  bool VisitReturnStmt(ReturnStmt *R) {
    if (R->getRetValue())
      Out.Returns.push_back(R->getRetValue());
    return true;
  }
  bool VisitCallExpr(CallExpr *C);
  bool VisitRecoveryExpr(RecoveryExpr *E) {
    Out.Errors.push_back(E);
    return true;
  }

private:
  void store(Place P, const Expr *From, const Stmt *At, bool Kills = false,
             int Element = -1) {
    Kills = Kills && P.Local;
    Out.Stores.push_back({P, From, At, Kills, Element});
    if (Kills)
      Out.Kills[P.Local].push_back(At);
  }
  // `v` itself, not a part of it (`v.f`, `v[i]`).
  static bool namesVariable(const Expr *E) {
    return isa<DeclRefExpr>(E->IgnoreParenImpCasts());
  }
  void libraryCall(const CallExpr *C, const FunctionDecl *Callee);
  void helperCall(const CallExpr *C, const FunctionDecl *Callee);

  const SourceManager &SM;
  const FunctionDecl *F;
  ValueFlow::FunctionStores &Out;
};

bool StoreCollector::VisitCallExpr(CallExpr *C) {
  if (isTrainingCall(C)) {
    Out.TrainingCalls.push_back(C);
    return true;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(C))
    if (isAssignment(Op) && Op->getNumArgs() == 2) {
      // `std::tie(a, b) = f()` stores into each of a and b.
      const bool Plain = Op->getOperator() == OO_Equal;
      if (const CallExpr *Tie = tieCall(Op->getArg(0))) {
        int Element = 0;
        for (const Expr *Target : Tie->arguments())
          store(placeOf(Target, F), Op->getArg(1), Op,
                Plain && namesVariable(Target), Element++);
      } else
        store(placeOf(Op->getArg(0), F), Op->getArg(1), Op,
              Plain && namesVariable(Op->getArg(0)));
      return true;
    }
  const FunctionDecl *Callee = C->getDirectCallee();
  // A forward pass passes its input to its result only; an assertion or a
  // test's message prints or compares its operands and keeps none.
  if (asForwardCall(C) || (Callee && isTestFrameworkFunction(Callee)))
    return true;
  if (Callee && isLibraryFunction(Callee, SM))
    libraryCall(C, Callee);
  else
    helperCall(C, Callee);
  return true;
}

// LibTorch declares its in-place methods const (a Tensor is a handle):
// `acc.mul_(gate)`, `acc += gate` still write into `acc`.
bool writesTensorObject(const CXXMethodDecl *Method, const Expr *Object) {
  if (!isTensorType(Object->getType()))
    return false;
  if (Method->isOverloadedOperator())
    return BinaryOperator::isCompoundAssignmentOp(
        BinaryOperator::getOverloadedOpcode(Method->getOverloadedOperator()));
  return Method->getIdentifier() && Method->getName().ends_with("_");
}

// A library call modifies at most its object (a non-const method, or an
// in-place tensor method) and its arguments bound to non-const references.
void StoreCollector::libraryCall(const CallExpr *C,
                                 const FunctionDecl *Callee) {
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  const Expr *Object = nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C))
    Object = MC->getImplicitObjectArgument();
  else if (isa<CXXOperatorCallExpr>(C) && Method && C->getNumArgs() > 0)
    Object = C->getArg(0);
  if (Object && Method && !Method->isStatic() &&
      (!Method->isConst() || writesTensorObject(Method, Object)))
    for (const Expr *Arg : C->arguments())
      if (Arg != Object)
        store(placeOf(Object, F), Arg, C);
  const unsigned Shift = Object && isa<CXXOperatorCallExpr>(C) ? 1 : 0;
  for (unsigned I = Shift; I < C->getNumArgs(); ++I) {
    const unsigned P = I - Shift;
    if (P >= Callee->getNumParams())
      break;
    const QualType T = Callee->getParamDecl(P)->getType();
    if (!T->isLValueReferenceType() || T->getPointeeType().isConstQualified())
      continue;
    // Only stores into the function's own locals are followed; a library
    // writing into a global (std::cout) keeps no tensor.
    const Place Into = placeOf(C->getArg(I), F);
    if (!Into.Local)
      continue;
    for (const Expr *Arg : C->arguments())
      if (Arg != C->getArg(I))
        store(Into, Arg, C);
  }
}

void StoreCollector::helperCall(const CallExpr *C, const FunctionDecl *Callee) {
  const FunctionDecl *Declared = Callee;
  const FunctionDecl *Definition = nullptr;
  if (Callee && Callee->hasBody(Definition) && Definition)
    Callee = Definition;
  else
    Callee = nullptr;
  const unsigned Shift =
      isa<CXXOperatorCallExpr>(C) && Callee && isa<CXXMethodDecl>(Callee) ? 1
                                                                          : 0;
  for (unsigned I = Shift; I < C->getNumArgs(); ++I)
    Out.HelperArguments.push_back(
        {C, Callee, Declared, C->getArg(I), I - Shift});
}

} // namespace

namespace {
// `t.detach()` on a tensor.
bool isDetach(const Stmt *S) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(S);
  const CXXMethodDecl *M = MC ? MC->getMethodDecl() : nullptr;
  return M && M->getIdentifier() && M->getName() == "detach" &&
         isTensorType(MC->getObjectType());
}
} // namespace

// The tainted values of one propagation: the seed expression or parameter
// and the local variables a tainted value was stored into.
struct ValueFlow::Taint {
  ASTContext *Ctx = nullptr;
  ValueFlow::FunctionStores *Stores = nullptr;
  const Expr *Seed = nullptr;
  // Tainted whatever stores into them (a parameter seed).
  llvm::SmallPtrSet<const Decl *, 16> Variables;
  // The tainted stores, per variable.
  llvm::DenseMap<const Decl *, llvm::SmallVector<unsigned, 2>> Stored;
  // Whether `t.detach()` and graph-free values (argmax, indices: see
  // GraphFree.h) end the value: what is computed from them holds none of
  // t's graph (the question for Returned, Escapes and Unseen; the data still
  // counts for training uses, such as a GAN's discriminator step on a
  // detached fake).
  bool GraphOnly = false;
  // Nodes visited; past the budget every value counts as tainted and the
  // result as unknown (Escapes).
  mutable std::uint64_t Work = 0;
  bool exhausted() const { return Work > limits::ValueFlowWorkBudget; }

  // Whether `S`, evaluated at statement `At`, carries a tainted value.
  bool inExpr(const Stmt *S, const Stmt *At) const {
    if (!S)
      return false;
    if (++Work > limits::ValueFlowWorkBudget)
      return true;
    if (S == Seed)
      return true;
    if (GraphOnly &&
        (isDetach(S) || (isa<Expr>(S) && isGraphFree(*Ctx, cast<Expr>(S)))))
      return false;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      if (const auto *B = dyn_cast<BindingDecl>(DRE->getDecl()))
        if (GraphOnly && bindsIndices(B))
          return false;
      const ValueDecl *D = bindingTarget(DRE->getDecl());
      if (Variables.contains(D))
        return true;
      auto It = Stored.find(D);
      return It != Stored.end() &&
             llvm::any_of(It->second, [&](unsigned Index) {
               return Stores->reaches(Index, At);
             });
    }
    if (isa<LambdaExpr>(S))
      return false;
    if (const auto *E = dyn_cast<Expr>(S))
      if (!mayHoldTensor(E->getType()))
        return false;
    return llvm::any_of(S->children(),
                        [&](const Stmt *Child) { return inExpr(Child, At); });
  }
};

ValueFlow::ValueFlow(ASTContext &Ctx) : Ctx(Ctx) {}
ValueFlow::~ValueFlow() = default;

bool ValueFlow::FunctionStores::reaches(unsigned Index, const Stmt *At) {
  const Store &St = Stores[Index];
  auto KillsOf = Kills.find(St.Into.Local);
  if (!At || !St.At || KillsOf == Kills.end())
    return true;
  auto [It, Inserted] = Reaches.try_emplace({Index, At}, true);
  if (!Inserted)
    return It->second;
  llvm::SmallVector<const Stmt *, 4> Others;
  for (const Stmt *K : KillsOf->second)
    if (K != St.At)
      Others.push_back(K);
  if (Others.empty())
    return true;
  if (!Flow)
    Flow = std::make_unique<ControlFlow>(Body, *Ctx);
  It->second = Flow->canReachAvoiding(St.At, At, Others);
  return It->second;
}

ValueFlow::FunctionStores &ValueFlow::storesOf(const FunctionDecl *F,
                                               const Stmt *Body) {
  std::unique_ptr<FunctionStores> &Slot = Stores[F];
  if (!Slot) {
    Slot = std::make_unique<FunctionStores>();
    StoreCollector(Ctx, F, *Slot).TraverseStmt(const_cast<Stmt *>(Body));
    Slot->Body = Body;
    Slot->Ctx = &Ctx;
  }
  return *Slot;
}

ValueUses ValueFlow::propagate(FunctionStores &S, Taint &T, int Depth) {
  ValueUses Uses;
  T.Stores = &S;
  // A store of a tuple's indices element hands on no graph.
  auto GraphFreeStore = [&](const FunctionStores::Store &St) {
    return T.GraphOnly && St.Element >= 0 &&
           isIndicesElement(St.From, unsigned(St.Element));
  };
  // Stores into locals: to a fixed point (each round taints one more).
  std::vector<bool> Tainted(S.Stores.size());
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (unsigned I = 0; I < S.Stores.size(); ++I) {
      const FunctionStores::Store &St = S.Stores[I];
      if (!St.Into.Local || Tainted[I] || GraphFreeStore(St) ||
          !T.inExpr(St.From, St.At))
        continue;
      Tainted[I] = true;
      T.Stored[St.Into.Local].push_back(I);
      Changed = true;
    }
  }
  for (const FunctionStores::Store &St : S.Stores)
    if (!St.Into.Local && !GraphFreeStore(St) && T.inExpr(St.From, St.At))
      Uses.Escapes = true;
  for (const CallExpr *C : S.TrainingCalls) {
    const auto *MC = dyn_cast<CXXMemberCallExpr>(C);
    const bool Reached = (MC && T.inExpr(MC->getImplicitObjectArgument(), C)) ||
                         llvm::any_of(C->arguments(), [&](const Expr *A) {
                           return T.inExpr(A, C);
                         });
    if (Reached && !Uses.TrainingUse)
      Uses.TrainingUse = C;
  }
  for (const Expr *R : S.Returns)
    if (T.inExpr(R, R))
      Uses.Returned = true;
  // A value that reaches code clang could not type (an API the headers do
  // not have): what is done with it is unknown.
  for (const RecoveryExpr *R : S.Errors)
    if (llvm::any_of(R->subExpressions(),
                     [&](const Expr *Sub) { return T.inExpr(Sub, R); }))
      Uses.Escapes = true;
  for (const FunctionStores::HelperArgument &H : S.HelperArguments) {
    if (!T.inExpr(H.Arg, H.Call))
      continue;
    // A helper defined in another file (with an operator call's object
    // shifted away, as for the ones defined here).
    if (!H.Callee && H.Declared && H.ParamIndex < H.Declared->getNumParams() &&
        !(isa<CXXOperatorCallExpr>(H.Call) && isa<CXXMethodDecl>(H.Declared))) {
      Uses.Unseen.push_back({H.Declared, H.ParamIndex});
      continue;
    }
    if (!H.Callee || H.ParamIndex >= H.Callee->getNumParams() ||
        Depth >= limits::MaxValueFlowCallDepth) {
      Uses.Escapes = true;
      continue;
    }
    const ValueUses Inside = usesOfParameter(H.Callee, H.ParamIndex, Depth + 1);
    if (Inside.TrainingUse && !Uses.TrainingUse)
      Uses.TrainingUse = H.Call;
    Uses.Escapes |= Inside.Escapes;
    Uses.Unseen.append(Inside.Unseen.begin(), Inside.Unseen.end());
  }
  if (T.exhausted())
    Uses.Escapes = true;
  return Uses;
}

ValueUses ValueFlow::usesOfParameter(const FunctionDecl *F, unsigned Index,
                                     int Depth) {
  const auto Key = std::make_pair(F, Index);
  if (auto It = ParameterUses.find(Key); It != ParameterUses.end())
    return It->second;
  // Recursion, or a parameter the body writes through: not followed.
  ValueUses Unknown;
  Unknown.Escapes = true;
  ParameterUses[Key] = Unknown;
  const ParmVarDecl *Param = F->getParamDecl(Index);
  const QualType Type = Param->getType();
  if (!F->getBody() ||
      (Type->isReferenceType() && !Type->getPointeeType().isConstQualified()))
    return Unknown;
  const ValueUses Uses =
      twoPhases(storesOf(F, F->getBody()), nullptr, Param, Depth);
  ParameterUses[Key] = Uses;
  return Uses;
}

ValueUses ValueFlow::twoPhases(FunctionStores &S, const Expr *Seed,
                               const ParmVarDecl *Param, int Depth) {
  auto Seeded = [&](bool GraphOnly) {
    Taint T;
    T.Ctx = &Ctx;
    T.Seed = Seed;
    if (Param)
      T.Variables.insert(Param);
    T.GraphOnly = GraphOnly;
    return propagate(S, T, Depth);
  };
  ValueUses Uses = Seeded(false);
  if (Uses.TrainingUse || Uses.staysLocal())
    return Uses;
  // Where the graph goes: a detached copy returned or kept holds none.
  const ValueUses Graph = Seeded(true);
  Uses.Returned = Graph.Returned;
  Uses.Escapes = Graph.Escapes;
  Uses.Unseen = Graph.Unseen;
  return Uses;
}

ValueUses ValueFlow::usesOf(const EnclosingFunction &F, const Expr *E) {
  return twoPhases(storesOf(F.Function, F.Body), E, nullptr, 0);
}

} // namespace clang::tidy::torch_tidy
