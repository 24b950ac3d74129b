#include "MissingEvalCheck.h"
#include "utils/ScriptLoadPaths.h"

#include "utils/HardWiredDropout.h"
#include "utils/ModeDependence.h"
#include "utils/ProjectRecording.h"
#include "utils/SourceText.h"
#include "utils/TorchTypes.h"
#include "clang/AST/ASTContext.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::torch_tidy {

namespace {
constexpr llvm::StringLiteral HardWiredMessage =
    "'%0' is used for inference with dropout hard-wired to training mode; "
    "eval() does not turn it off";
// With -p, for a member another file's constructor leaves unregistered
// (the runner adds a note naming it).
constexpr llvm::StringLiteral UnregisteredElsewhereMessage =
    "'%0' is used for inference with a member still in training mode; it is "
    "not registered with register_module(), so eval() does not reach it";

// With -p, for a TorchScript module put in eval mode whose export script
// traced it in training mode (the runner adds a note at the trace).
constexpr llvm::StringLiteral TracedInTrainingMessage =
    "TorchScript module '%0' was traced in training mode; 'eval()' does not "
    "switch the dropout and batch norm its graph recorded";

// A message with its one argument, as the diagnostic prints it.
std::string render(llvm::StringRef Message, llvm::StringRef Arg) {
  auto [Before, After] = Message.split("%0");
  return (Before + Arg + After).str();
}
} // namespace

MissingEvalCheck::MissingEvalCheck(StringRef Name, ClangTidyContext *Context)
    : InferenceCheck(Name, Context),
      WarnScriptModules(Options.get("ScriptModules", "warn") != "ignore") {
  if (const std::string Value = Options.get("ScriptModules", "warn").str();
      Value != "warn" && Value != "ignore")
    configurationDiag("invalid value '%0' for option 'ScriptModules'; "
                      "expected 'warn' or 'ignore'")
        << Value;
}

void MissingEvalCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  InferenceCheck::storeOptions(Opts);
  Options.store(Opts, "ScriptModules", WarnScriptModules ? "warn" : "ignore");
}

void MissingEvalCheck::onEndOfTranslationUnit() {
  ASTContext *Ctx = Sites.context();
  if (!Ctx)
    return;
  FixedDropout.clear();
  project::FactsRecorder *Recorder = startProjectRecording();
  if (Recorder) {
    recordDropouts(*Recorder);
    recordUnregistered(*Recorder);
  }
  for (const InferenceSite &S : Sites.analyze(Recorder != nullptr)) {
    // Whether the model should be in eval mode is a question only where the
    // code says it infers (a forward whose output is merely printed in a
    // demo is inference for the grad guard, not evidence of a mode bug),
    // and in a pass that only looks at its result after the function
    // trained the model (validation inside the training function).
    if (!S.asksForEvalMode() || S.DecidedByCallers)
      continue;
    // A result that only helpers of other files see (a test loop in a
    // training function scored by accuracy()): with -p, they decide.
    if (S.DecidedByHelpers) {
      std::optional<project::PendingFinding> Pending =
          pendingAt(S, project::Condition::IfHelpersOnlyInspect);
      if (!Pending)
        continue;
      Recorder->Facts.Pending.push_back(std::move(*Pending));
    }
    // Dropout hard-wired to training stays on, eval() or not.
    if (!S.InsideModule && !S.InsideHolder && diagHardWiredDropout(S))
      continue;
    if (S.EvalEstablished) {
      // The model is in eval mode on every path to the call, unless a
      // mode-dependent member was never registered: eval() misses it.
      const FieldDecl *Hidden =
          S.Forward.IsScript
              ? nullptr
              : unregisteredModeDependentMember(S.Forward.ModelClass);
      if (!Hidden || S.InsideModule || S.InsideHolder) {
        // Code of the model defined in other files: with -p, they decide
        // whether its dropout is hard-wired.
        if (Recorder && !S.InsideModule && !S.InsideHolder) {
          pendHardWiredDropout(S, *Recorder);
          if (!S.Forward.IsScript)
            pendUnregistered(S, *Recorder);
          else if (WarnScriptModules)
            pendTracedInTraining(S, *Recorder);
        }
        continue;
      }
      diag(S.Forward.Call->getBeginLoc(),
           "'%0' is used for inference with %1 still in training mode; it is "
           "not registered with register_module(), so eval() does not reach "
           "it")
          << spelling(*Ctx, S.Forward.Model.Spelling) << Hidden;
      diag(Hidden->getLocation(), "%0 declared here", DiagnosticIDs::Note)
          << Hidden;
      continue;
    }
    // A module's own layers follow the module's mode, set by its user; a
    // module behind an opaque handle was set up where the handle was made.
    if (S.InsideModule || S.InsideHolder ||
        reachedThroughOpaqueHandle(S.Forward.Model))
      continue;
    const Expr *Call = S.Forward.Call;
    const std::string Model = spelling(*Ctx, S.Forward.Model.Spelling);
    // A model that is a parameter: with -p, a caller in any file may have
    // put it in eval mode (ProjectIndex.h).
    const auto *Param = dyn_cast_or_null<ParmVarDecl>(S.Forward.Model.root());
    if (Recorder && Param)
      if (std::optional<project::PendingFinding> Pending =
              pendingAt(S, project::Condition::UnlessCallersEval)) {
        Pending->Param = Param->getFunctionScopeIndex();
        Recorder->Facts.Pending.push_back(std::move(*Pending));
      }
    if (S.Forward.IsScript) {
      // A TorchScript module keeps the mode it was saved with.
      if (!WarnScriptModules)
        continue;
      // With -p, the project's export scripts may show the file it loads
      // was saved in eval mode (ExportScripts.h).
      if (Recorder)
        if (std::optional<project::PendingFinding> Pending =
                pendingAt(S, project::Condition::IfExportNeedsEval)) {
          Pending->LoadPaths = scriptLoadPaths(
              *Ctx,
              S.Forward.Model.empty() ? nullptr : S.Forward.Model.Chain.back());
          Recorder->Facts.Pending.push_back(std::move(*Pending));
        }
      diag(Call->getBeginLoc(),
           "TorchScript module '%0' is used for inference without 'eval()'; "
           "it runs in whatever mode it was saved in")
          << Model;
      continue;
    }
    const ModeDependenceResult Dep = modeDependenceOf(S.Forward);
    // Layers that behave the same in both modes: nothing to get wrong.
    if (Dep.Kind == ModeDependence::Independent)
      continue;

    if (S.TrainOnPath) {
      diag(Call->getBeginLoc(), "'%0' is used for inference in training mode; "
                                "dropout and batch norm behave as in training")
          << Model;
      diag(S.TrainOnPath->Call->getBeginLoc(),
           "'%0' was put in training mode here", DiagnosticIDs::Note)
          << spelling(*Ctx, S.TrainOnPath->Model.Spelling);
    } else {
      diag(Call->getBeginLoc(),
           "'%0' is used for inference while it may be in training mode; "
           "dropout and batch norm behave as in training")
          << Model;
      if (S.TrainingPassBefore)
        diag(S.TrainingPassBefore->getBeginLoc(),
             "'%0' is trained here, and nothing puts it in eval mode before "
             "the call",
             DiagnosticIDs::Note)
            << Model;
    }
    if (Dep.Kind == ModeDependence::Dependent && Dep.Where) {
      diag(Dep.Where->getLocation(), "%0 holds a mode-dependent layer ('%1')",
           DiagnosticIDs::Note)
          << Dep.Where
          << llvm::StringRef(Dep.Layer).rsplit("::").second.drop_back(4);
    } else if (Dep.Kind == ModeDependence::Unknown && S.Forward.ModelClass) {
      diag(S.Forward.ModelClass->getLocation(),
           "the layers of %0 cannot all be seen; assumed to depend on the "
           "mode",
           DiagnosticIDs::Note)
          << S.Forward.ModelClass;
    }
    if (S.UnregisteredChild)
      diag(S.UnregisteredChild->getLocation(),
           "%0 is not registered with register_module(); eval() on its "
           "owner does not switch it",
           DiagnosticIDs::Note)
          << S.UnregisteredChild;
    if (S.Guard.Guard)
      diag(S.Guard.Guard->getLocation(),
           "a grad guard is live here; it does not switch layers to eval "
           "mode",
           DiagnosticIDs::Note);
  }
}

bool MissingEvalCheck::diagHardWiredDropout(const InferenceSite &S) {
  ASTContext &Ctx = *Sites.context();
  std::optional<HardWiredDropout> Drop = hardWiredDropoutOf(Ctx, S.Forward);
  if (!Drop)
    return false;
  {
    // The fix-it goes with the warning (clang-tidy applies a note's only
    // with --fix-notes), once per dropout call.
    auto Warning = diag(S.Forward.Call->getBeginLoc(), HardWiredMessage)
                   << spelling(Ctx, S.Forward.Model.Spelling);
    if (std::optional<FixItHint> Fix = followModeFix(Ctx, *Drop))
      if (FixedDropout.insert(Drop->Call).second)
        Warning << *Fix;
  }
  if (Drop->Flag)
    diag(Drop->Call->getBeginLoc(),
         "this dropout runs while %0 is set, a member of the module's own "
         "that eval() does not change; test is_training()",
         DiagnosticIDs::Note)
        << Drop->Flag;
  else
    diag(Drop->Call->getBeginLoc(),
         "this dropout runs in training mode whatever the module's mode; "
         "pass is_training()",
         DiagnosticIDs::Note);
  return true;
}

std::optional<FixItHint>
MissingEvalCheck::followModeFix(ASTContext &Ctx, const HardWiredDropout &Drop) {
  // Only in a member function of the module (not a constructor: a
  // Functional binds the flag once), in the file being linted.
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(
      enclosingFunction(Ctx, *Drop.Call).Function);
  const SourceManager &SM = Ctx.getSourceManager();
  if (!Method || isa<CXXConstructorDecl>(Method) || Method->isStatic() ||
      !isNNModuleClass(Method->getParent()) ||
      !SM.isWrittenInMainFile(Drop.Call->getBeginLoc()))
    return std::nullopt;
  if (Drop.TrainArg) {
    if (Drop.TrainArg->getBeginLoc().isMacroID() ||
        Drop.TrainArg->getEndLoc().isMacroID())
      return std::nullopt;
    return FixItHint::CreateReplacement(Drop.TrainArg->getSourceRange(),
                                        "is_training()");
  }
  if (!Drop.Options || Drop.Options->getEndLoc().isMacroID())
    return std::nullopt;
  return FixItHint::CreateInsertion(
      Lexer::getLocForEndOfToken(Drop.Options->getEndLoc(), 0, SM,
                                 Ctx.getLangOpts()),
      ".training(is_training())");
}

void MissingEvalCheck::recordDropouts(project::FactsRecorder &Recorder) {
  ASTContext &Ctx = *Sites.context();
  for (const FunctionDecl *D : Sites.definitions()) {
    const auto *M = dyn_cast<CXXMethodDecl>(D);
    if (!M || !isNNModuleClass(M->getParent()))
      continue;
    std::optional<HardWiredDropout> Drop = hardWiredDropoutIn(Ctx, D);
    if (!Drop)
      continue;
    std::optional<std::string> Class = project::usrOf(M->getParent());
    std::optional<project::SourcePoint> At =
        project::pointOf(Ctx, Drop->Call->getBeginLoc());
    if (Class && At)
      Recorder.Facts.Dropouts.push_back({std::move(*Class), std::move(*At)});
  }
}

void MissingEvalCheck::pendHardWiredDropout(const InferenceSite &S,
                                            project::FactsRecorder &Recorder) {
  // Stands only if a class's code in another file has the dropout (the
  // runner adds the note there).
  pendOnClasses(S, Recorder, classesWithCodeElsewhere(S.Forward),
                project::Condition::IfClassesHardWireDropout, HardWiredMessage);
}

void MissingEvalCheck::pendTracedInTraining(const InferenceSite &S,
                                            project::FactsRecorder &Recorder) {
  // Stands only if the project's export script traced the module it loads
  // in training mode (ExportScripts.h); the runner adds the note there.
  std::optional<project::PendingFinding> Pending =
      pendingAt(S, project::Condition::IfExportTracedInTraining);
  if (!Pending)
    return;
  ASTContext &Ctx = *Sites.context();
  Pending->LoadPaths = scriptLoadPaths(
      Ctx, S.Forward.Model.empty() ? nullptr : S.Forward.Model.Chain.back());
  const std::string Model = spelling(Ctx, S.Forward.Model.Spelling);
  Pending->Message = render(TracedInTrainingMessage, Model);
  Recorder.Facts.Pending.push_back(std::move(*Pending));
  diag(S.Forward.Call->getBeginLoc(), TracedInTrainingMessage) << Model;
}

void MissingEvalCheck::pendOnClasses(
    const InferenceSite &S, project::FactsRecorder &Recorder,
    llvm::ArrayRef<const CXXRecordDecl *> Classes, project::Condition When,
    llvm::StringRef Message) {
  if (Classes.empty())
    return;
  std::optional<project::PendingFinding> Pending = pendingAt(S, When);
  if (!Pending)
    return;
  for (const CXXRecordDecl *RD : Classes)
    if (std::optional<std::string> USR = project::usrOf(RD))
      Pending->Classes.push_back(std::move(*USR));
  const std::string Model =
      spelling(*Sites.context(), S.Forward.Model.Spelling);
  Pending->Message = render(Message, Model);
  Recorder.Facts.Pending.push_back(std::move(*Pending));
  diag(S.Forward.Call->getBeginLoc(), Message) << Model;
}

void MissingEvalCheck::recordUnregistered(project::FactsRecorder &Recorder) {
  ASTContext &Ctx = *Sites.context();
  llvm::SmallPtrSet<const CXXRecordDecl *, 8> Seen;
  for (const CXXConstructorDecl *Ctor : Sites.constructors()) {
    const CXXRecordDecl *Class = Ctor->getParent();
    if (!isNNModuleClass(Class) || !Seen.insert(Class).second)
      continue;
    for (const FieldDecl *F : unregisteredModeDependentMembers(Class)) {
      std::optional<std::string> USR = project::usrOf(Class);
      std::optional<project::SourcePoint> At =
          project::pointOf(Ctx, F->getLocation());
      if (USR && At)
        Recorder.Facts.Unregistered.push_back(
            {std::move(*USR), F->getNameAsString(), std::move(*At)});
    }
  }
}

void MissingEvalCheck::pendUnregistered(const InferenceSite &S,
                                        project::FactsRecorder &Recorder) {
  // Stands only if a constructor in another file leaves a mode-dependent
  // member unregistered (the runner adds the note there).
  pendOnClasses(S, Recorder, classesConstructedElsewhere(S.Forward.ModelClass),
                project::Condition::IfClassesLeaveUnregistered,
                UnregisteredElsewhereMessage);
}

} // namespace clang::tidy::torch_tidy
