// The whole-project questions (checks/utils/ProjectIndex.h) on hand-made
// call graphs, and the facts' JSON form (checks/utils/ProjectFacts.h).
#include "utils/ProjectIndex.h"

#include "gtest/gtest.h"

namespace clang::tidy::torch_tidy::project {
namespace {

CallFact call(std::string Caller, std::string Callee, CallGuard Guard,
              ResultUse Use, unsigned Offset) {
  CallFact C;
  C.Caller = std::move(Caller);
  C.Callee = std::move(Callee);
  C.Guard = Guard;
  C.Use = Use;
  C.At = {"/p/" + C.Caller + ".cpp", Offset};
  return C;
}

PendingFinding pending(std::string Function, Condition When) {
  PendingFinding F;
  F.Check = "torch-missing-grad-guard";
  F.At = {"/p/helpers.cpp", 10};
  F.Function = std::move(Function);
  F.When = When;
  return F;
}

TEST(ProjectIndexTest, EveryCallerGuardedSilencesAHelper) {
  TranslationUnitFacts A, B;
  A.Calls.push_back(
      call("main", "shape", CallGuard::Disabled, ResultUse::Ignored, 1));
  B.Calls.push_back(
      call("test", "shape", CallGuard::Unknown, ResultUse::Ignored, 2));
  const TranslationUnitFacts Units[] = {A, B};
  ProjectIndex Index(Units);
  EXPECT_TRUE(Index.guardedByCallers("shape"));
  EXPECT_FALSE(
      Index.resolve(pending("shape", Condition::UnlessCallersGuard)).Keep);
}

TEST(ProjectIndexTest, OneUnguardedCallerKeepsTheFinding) {
  TranslationUnitFacts A;
  A.Calls.push_back(
      call("main", "shape", CallGuard::Disabled, ResultUse::Ignored, 1));
  A.Calls.push_back(
      call("main", "shape", CallGuard::None, ResultUse::Ignored, 2));
  const TranslationUnitFacts Units[] = {A};
  ProjectIndex Index(Units);
  EXPECT_TRUE(
      Index.resolve(pending("shape", Condition::UnlessCallersGuard)).Keep);
}

TEST(ProjectIndexTest, NoCallersGuardNothing) {
  ProjectIndex Index({});
  EXPECT_FALSE(Index.guardedByCallers("shape"));
  EXPECT_FALSE(Index.evalAtCallers("validate", 0));
  EXPECT_TRUE(
      Index.resolve(pending("shape", Condition::UnlessCallersGuard)).Keep);
  EXPECT_FALSE(
      Index.resolve(pending("score", Condition::IfCallerInspectsUnguarded))
          .Keep);
}

TEST(ProjectIndexTest, GuardAtTheCallersCaller) {
  TranslationUnitFacts A;
  A.Calls.push_back(
      call("report", "shape", CallGuard::None, ResultUse::Ignored, 1));
  A.Calls.push_back(
      call("main", "report", CallGuard::Disabled, ResultUse::Ignored, 2));
  const TranslationUnitFacts Units[] = {A};
  EXPECT_TRUE(ProjectIndex(Units).guardedByCallers("shape"));
}

TEST(ProjectIndexTest, ACallerThatTrainsOnTheResultMakesItTraining) {
  TranslationUnitFacts A;
  A.Calls.push_back(
      call("main", "embed", CallGuard::None, ResultUse::Inspected, 1));
  A.Calls.push_back(
      call("loss", "embed", CallGuard::None, ResultUse::Returned, 2));
  A.Calls.push_back(
      call("train", "loss", CallGuard::None, ResultUse::Trains, 3));
  const TranslationUnitFacts Units[] = {A};
  ProjectIndex Index(Units);
  EXPECT_TRUE(Index.resultTrainsAtCaller("embed"));
  EXPECT_FALSE(
      Index.resolve(pending("embed", Condition::IfCallerInspectsUnguarded))
          .Keep);
  PendingFinding Returned = pending("embed", Condition::UnlessCallersGuard);
  Returned.ResultReturned = true;
  EXPECT_FALSE(Index.resolve(Returned).Keep);
  Returned.ResultReturned = false;
  EXPECT_TRUE(Index.resolve(Returned).Keep);
}

TEST(ProjectIndexTest, TheInspectingCallerIsTheWitness) {
  TranslationUnitFacts A;
  A.Calls.push_back(
      call("predict", "logits", CallGuard::None, ResultUse::Returned, 1));
  A.Calls.push_back(
      call("main", "predict", CallGuard::None, ResultUse::Inspected, 2));
  const TranslationUnitFacts Units[] = {A};
  const Verdict V = ProjectIndex(Units).resolve(
      pending("logits", Condition::IfCallerInspectsUnguarded));
  ASSERT_TRUE(V.Keep);
  ASSERT_NE(V.Witness, nullptr);
  EXPECT_EQ(V.Witness->Caller, "main");
}

TEST(ProjectIndexTest, GuardedOrEscapingCallersAreNoWitness) {
  TranslationUnitFacts A;
  A.Calls.push_back(
      call("main", "score", CallGuard::Disabled, ResultUse::Inspected, 1));
  A.Calls.push_back(
      call("cache", "score", CallGuard::None, ResultUse::Escapes, 2));
  const TranslationUnitFacts Units[] = {A};
  EXPECT_FALSE(
      ProjectIndex(Units)
          .resolve(pending("score", Condition::IfCallerInspectsUnguarded))
          .Keep);
}

TEST(ProjectIndexTest, AModulesForwardIsNoWitness) {
  // encode() is called by its module's forward, which returns the result to
  // an unguarded main that prints it: main's call of the module is the
  // finding, not encode()'s layers.
  TranslationUnitFacts A;
  CallFact InForward =
      call("Net::forward", "encode", CallGuard::None, ResultUse::Returned, 1);
  InForward.InForward = true;
  A.Calls.push_back(InForward);
  A.Calls.push_back(
      call("main", "Net::forward", CallGuard::None, ResultUse::Inspected, 2));
  const TranslationUnitFacts Units[] = {A};
  ProjectIndex Index(Units);
  EXPECT_FALSE(
      Index.resolve(pending("encode", Condition::IfCallerInspectsUnguarded))
          .Keep);
  // Another, unguarded caller that only inspects it is the witness.
  A.Calls.push_back(
      call("test", "encode", CallGuard::None, ResultUse::Inspected, 3));
  const TranslationUnitFacts More[] = {A};
  const Verdict V = ProjectIndex(More).resolve(
      pending("encode", Condition::IfCallerInspectsUnguarded));
  ASSERT_TRUE(V.Keep);
  EXPECT_EQ(V.Witness->Caller, "test");
}

TEST(ProjectIndexTest, EvalAtEveryCallerThroughParameters) {
  TranslationUnitFacts A;
  CallFact Direct =
      call("train", "validate", CallGuard::None, ResultUse::Ignored, 1);
  Direct.EvalArgs = {1};
  CallFact Passed =
      call("epoch", "validate", CallGuard::None, ResultUse::Ignored, 2);
  Passed.ParamArgs = {{1, 0}};
  CallFact Outer =
      call("main", "epoch", CallGuard::None, ResultUse::Ignored, 3);
  Outer.EvalArgs = {0};
  A.Calls = {Direct, Passed, Outer};
  const TranslationUnitFacts Units[] = {A};
  ProjectIndex Index(Units);
  EXPECT_TRUE(Index.evalAtCallers("validate", 1));
  EXPECT_FALSE(Index.evalAtCallers("validate", 0));
  PendingFinding F = pending("validate", Condition::UnlessCallersEval);
  F.Param = 1;
  EXPECT_FALSE(Index.resolve(F).Keep);
}

TEST(ProjectIndexTest, AHeaderFunctionsCallsCountOnce) {
  // Two files include a header whose inline function calls shape()
  // unguarded: one caller, not two.
  TranslationUnitFacts A, B;
  A.Calls.push_back(
      call("inl", "shape", CallGuard::None, ResultUse::Ignored, 7));
  B.Calls = A.Calls;
  const TranslationUnitFacts Units[] = {A, B};
  ProjectIndex Index(Units);
  EXPECT_FALSE(Index.guardedByCallers("shape"));
}

ParamFact param(std::string Function, unsigned Index, ResultUse Use) {
  ParamFact F;
  F.Of = {std::move(Function), Index};
  F.Use = Use;
  return F;
}

TEST(ProjectIndexTest, HelpersThatOnlyInspectMakeItInference) {
  TranslationUnitFacts A;
  A.Params.push_back(param("accuracy", 0, ResultUse::Inspected));
  A.Params.push_back(param("save_image", 0, ResultUse::Inspected));
  A.Params.back().PassedTo = {{"write_png", 1}};
  A.Params.push_back(param("write_png", 1, ResultUse::Inspected));
  A.Params.push_back(param("normalize", 0, ResultUse::Returned));
  A.Params.push_back(param("step", 0, ResultUse::Trains));
  A.Params.push_back(param("cache", 0, ResultUse::Escapes));
  const TranslationUnitFacts Units[] = {A};
  ProjectIndex Index(Units);
  EXPECT_TRUE(Index.onlyInspects({"accuracy", 0}));
  EXPECT_TRUE(Index.onlyInspects({"save_image", 0}));
  EXPECT_FALSE(Index.onlyInspects({"accuracy", 1})); // not described
  EXPECT_FALSE(Index.onlyInspects({"unlinted", 0})); // not in the project
  // What it returns goes on in the caller's own value flow.
  EXPECT_TRUE(Index.onlyInspects({"normalize", 0}));
  EXPECT_FALSE(Index.onlyInspects({"step", 0}));
  EXPECT_FALSE(Index.onlyInspects({"cache", 0}));

  PendingFinding F = pending("validate", Condition::IfHelpersOnlyInspect);
  F.Helpers = {{"accuracy", 0}, {"save_image", 0}};
  EXPECT_TRUE(Index.resolve(F).Keep);
  F.Helpers.push_back({"cache", 0});
  EXPECT_FALSE(Index.resolve(F).Keep);
  F.Helpers.clear();
  EXPECT_FALSE(Index.resolve(F).Keep);
}

TEST(ProjectIndexTest, EveryDescriptionOfAHelperMustAgree) {
  // Two programs of one database define accuracy() differently.
  TranslationUnitFacts A, B;
  A.Params.push_back(param("accuracy", 0, ResultUse::Inspected));
  B.Params.push_back(param("accuracy", 0, ResultUse::Escapes));
  const TranslationUnitFacts Units[] = {A, B};
  EXPECT_FALSE(ProjectIndex(Units).onlyInspects({"accuracy", 0}));
}

TEST(ProjectIndexTest, HelpersPassingItOnInACycleAreNotTrusted) {
  TranslationUnitFacts A;
  A.Params.push_back(param("ping", 0, ResultUse::Inspected));
  A.Params.back().PassedTo = {{"pong", 0}};
  A.Params.push_back(param("pong", 0, ResultUse::Inspected));
  A.Params.back().PassedTo = {{"ping", 0}};
  const TranslationUnitFacts Units[] = {A};
  EXPECT_FALSE(ProjectIndex(Units).onlyInspects({"ping", 0}));
}

TEST(ProjectIndexTest, DropoutInAnotherFileDecidesTheModel) {
  TranslationUnitFacts Blocks;
  Blocks.Dropouts.push_back({"c:@S@BlockImpl", {"/p/block.cpp", 120}});
  const TranslationUnitFacts Units[] = {Blocks};
  const ProjectIndex Index(Units);
  PendingFinding F = pending("c:@F@main#", Condition::IfClassesHardWireDropout);
  F.Classes = {"c:@S@NetImpl", "c:@S@BlockImpl"};
  const Verdict V = Index.resolve(F);
  EXPECT_TRUE(V.Keep);
  ASSERT_NE(V.Dropout, nullptr);
  EXPECT_EQ(V.Dropout->At.Offset, 120u);
  // A model none of whose classes hard-wires dropout: dropped.
  F.Classes = {"c:@S@NetImpl"};
  EXPECT_FALSE(Index.resolve(F).Keep);
}

TEST(ProjectIndexTest, MemberUnregisteredInAnotherFileDecidesTheModel) {
  TranslationUnitFacts Decoder;
  Decoder.Unregistered.push_back(
      {"c:@S@DecoderImpl", "drop", {"/p/decoder.h", 210}});
  const TranslationUnitFacts Units[] = {Decoder};
  const ProjectIndex Index(Units);
  PendingFinding F =
      pending("c:@F@main#", Condition::IfClassesLeaveUnregistered);
  F.Classes = {"c:@S@SegImpl", "c:@S@DecoderImpl"};
  const Verdict V = Index.resolve(F);
  EXPECT_TRUE(V.Keep);
  ASSERT_NE(V.Unregistered, nullptr);
  EXPECT_EQ(V.Unregistered->Member, "drop");
  // The hard-wired dropout question at the same call is answered apart.
  F.When = Condition::IfClassesHardWireDropout;
  EXPECT_FALSE(Index.resolve(F).Keep);
  F.When = Condition::IfClassesLeaveUnregistered;
  F.Classes = {"c:@S@SegImpl"};
  EXPECT_FALSE(Index.resolve(F).Keep);
}

MemberModeFact memberMode(std::string Function, bool Restores,
                          bool TrainsAsFound) {
  MemberModeFact M;
  M.Function = std::move(Function);
  M.Class = "c:@S@Classifier";
  M.Member = "net";
  M.Restores = Restores;
  M.TrainsAsFound = TrainsAsFound;
  M.At = {"/p/classifier.cpp", 300};
  return M;
}

// Calls on one object, in order; each can run after those before it.
ObjectCallsFact objectCalls(std::vector<std::string> Callees) {
  ObjectCallsFact O;
  O.Caller = "c:@F@main#";
  O.Callees = std::move(Callees);
  for (unsigned I = 0; I < O.Callees.size(); ++I) {
    O.At.push_back({"/p/main.cpp", 10 * (I + 1)});
    for (unsigned J = I + 1; J < O.Callees.size(); ++J)
      O.Follows.push_back({I, J});
  }
  return O;
}

PendingFinding leftInEval() {
  PendingFinding F = pending("load", Condition::IfLaterCallTrainsMember);
  F.Check = "torch-train-mode-not-restored";
  F.Classes = {"c:@S@Classifier"};
  F.Member = "net";
  return F;
}

TEST(ProjectIndexTest, ALaterCallThatTrainsAsFoundKeepsTheEval) {
  TranslationUnitFacts Classifier, Main;
  Classifier.MemberModes.push_back(memberMode("fit", false, true));
  Main.ObjectCalls.push_back(objectCalls({"load", "predict", "fit"}));
  const TranslationUnitFacts Units[] = {Classifier, Main};
  const ProjectIndex Index(Units);
  const Verdict V = Index.resolve(leftInEval());
  EXPECT_TRUE(V.Keep);
  ASSERT_NE(V.TrainedLater, nullptr);
  EXPECT_EQ(*V.TrainedLater, (SourcePoint{"/p/main.cpp", 30}));
}

TEST(ProjectIndexTest, NoLaterTrainingCallDropsTheEval) {
  TranslationUnitFacts Classifier, Main;
  Classifier.MemberModes.push_back(memberMode("fit", false, true));
  Classifier.MemberModes.push_back(memberMode("resume", true, false));
  Classifier.MemberModes.push_back(memberMode("finetune", true, false));
  // Trained first, loaded after; a train() in between; a training
  // function that switches the member back itself.
  Main.ObjectCalls.push_back(objectCalls({"fit", "load"}));
  Main.ObjectCalls.push_back(objectCalls({"load", "resume", "fit"}));
  Main.ObjectCalls.push_back(objectCalls({"load", "finetune"}));
  const TranslationUnitFacts Units[] = {Classifier, Main};
  const ProjectIndex Index(Units);
  EXPECT_FALSE(Index.resolve(leftInEval()).Keep);
  // Another member of the class is not the one left in eval mode.
  PendingFinding Other = leftInEval();
  Other.Member = "teacher";
  TranslationUnitFacts Straight;
  Straight.ObjectCalls.push_back(objectCalls({"load", "fit"}));
  const TranslationUnitFacts Both[] = {Classifier, Straight};
  const ProjectIndex Index2(Both);
  EXPECT_TRUE(Index2.resolve(leftInEval()).Keep);
  EXPECT_FALSE(Index2.resolve(Other).Keep);
}

TEST(ProjectFactsTest, JSONRoundTrip) {
  TranslationUnitFacts T;
  CallFact C = call("c:@F@main#", "c:@F@score#", CallGuard::Unknown,
                    ResultUse::Returned, 42);
  C.EvalArgs = {0, 2};
  C.ParamArgs = {{1, 3}};
  C.InForward = true;
  T.Calls.push_back(C);
  PendingFinding F = pending("c:@F@score#", Condition::UnlessCallersEval);
  F.Param = 2;
  F.ResultReturned = true;
  F.Helpers = {{"c:@F@accuracy#", 1}};
  F.Classes = {"c:@S@NetImpl", "c:@S@BlockImpl"};
  F.Message = "'model' is used for inference";
  T.Pending.push_back(F);
  T.Dropouts.push_back({"c:@S@BlockImpl", {"/p/block.cpp", 77}});
  T.Unregistered.push_back({"c:@S@BlockImpl", "drop", {"/p/block.h", 9}});
  T.MemberModes.push_back(memberMode("c:@S@Classifier@F@Fit#", true, true));
  T.ObjectCalls.push_back(objectCalls({"load", "fit"}));
  ParamFact PF = param("c:@F@save#", 2, ResultUse::Trains);
  PF.PassedTo = {{"c:@F@png#", 0}};
  T.Params.push_back(PF);

  TranslationUnitFacts Back;
  llvm::json::Path::Root Root;
  ASSERT_TRUE(fromJSON(toJSON(T), Back, Root));
  ASSERT_EQ(Back.Calls.size(), 1u);
  EXPECT_EQ(Back.Calls[0].Caller, C.Caller);
  EXPECT_EQ(Back.Calls[0].Callee, C.Callee);
  EXPECT_EQ(Back.Calls[0].At, C.At);
  EXPECT_EQ(Back.Calls[0].Guard, CallGuard::Unknown);
  EXPECT_EQ(Back.Calls[0].Use, ResultUse::Returned);
  EXPECT_EQ(Back.Calls[0].EvalArgs, C.EvalArgs);
  EXPECT_EQ(Back.Calls[0].ParamArgs, C.ParamArgs);
  EXPECT_TRUE(Back.Calls[0].InForward);
  ASSERT_EQ(Back.Pending.size(), 1u);
  EXPECT_EQ(Back.Pending[0].Check, F.Check);
  EXPECT_EQ(Back.Pending[0].At, F.At);
  EXPECT_EQ(Back.Pending[0].When, Condition::UnlessCallersEval);
  EXPECT_EQ(Back.Pending[0].Param, 2u);
  EXPECT_TRUE(Back.Pending[0].ResultReturned);
  EXPECT_EQ(Back.Pending[0].Helpers, F.Helpers);
  EXPECT_EQ(Back.Pending[0].Classes, F.Classes);
  EXPECT_EQ(Back.Pending[0].Message, F.Message);
  ASSERT_EQ(Back.Unregistered.size(), 1u);
  EXPECT_EQ(Back.Unregistered[0].Class, "c:@S@BlockImpl");
  EXPECT_EQ(Back.Unregistered[0].Member, "drop");
  EXPECT_EQ(Back.Unregistered[0].At, (SourcePoint{"/p/block.h", 9}));
  ASSERT_EQ(Back.Dropouts.size(), 1u);
  EXPECT_EQ(Back.Dropouts[0].Class, "c:@S@BlockImpl");
  EXPECT_EQ(Back.Dropouts[0].At, (SourcePoint{"/p/block.cpp", 77}));
  ASSERT_EQ(Back.MemberModes.size(), 1u);
  EXPECT_EQ(Back.MemberModes[0].Function, "c:@S@Classifier@F@Fit#");
  EXPECT_EQ(Back.MemberModes[0].Class, "c:@S@Classifier");
  EXPECT_EQ(Back.MemberModes[0].Member, "net");
  EXPECT_TRUE(Back.MemberModes[0].Restores);
  EXPECT_TRUE(Back.MemberModes[0].TrainsAsFound);
  EXPECT_EQ(Back.MemberModes[0].At, (SourcePoint{"/p/classifier.cpp", 300}));
  ASSERT_EQ(Back.ObjectCalls.size(), 1u);
  EXPECT_EQ(Back.ObjectCalls[0].Caller, "c:@F@main#");
  EXPECT_EQ(Back.ObjectCalls[0].Callees, T.ObjectCalls[0].Callees);
  EXPECT_EQ(Back.ObjectCalls[0].At, T.ObjectCalls[0].At);
  EXPECT_EQ(Back.ObjectCalls[0].Follows, T.ObjectCalls[0].Follows);
  ASSERT_EQ(Back.Params.size(), 1u);
  EXPECT_EQ(Back.Params[0].Of, PF.Of);
  EXPECT_EQ(Back.Params[0].Use, ResultUse::Trains);
  EXPECT_EQ(Back.Params[0].PassedTo, PF.PassedTo);
}

TEST(ProjectFactsTest, MalformedJSONIsRejected) {
  for (
      const char *Text :
      {R"({"calls": [{"caller": "a"}], "params": [], "pending": []})",
       R"({"calls": [], "params": [{"function": "f", "param": 0,
            "use": "trains", "passedTo": [{"function": 3}]}], "pending": []})",
       R"({"calls": [], "params": [], "pending": [{"check": "c", "function": "f",
            "resultReturned": false, "helpers": [], "param": -1, "when": "unless-callers-guard",
            "at": {"file": "/x", "offset": 1}}]})",
       R"({"calls": [], "params": [], "pending": [{"check": "c", "function": "f",
            "resultReturned": false, "helpers": [], "param": 0, "when": "sometimes",
            "at": {"file": "/x", "offset": 1}}]})",
       // A later call that is not one of the object's calls.
       R"({"calls": [], "params": [], "pending": [], "objectCalls": [
            {"caller": "main", "callees": ["load", "fit"],
             "at": [{"file": "/x", "offset": 1}, {"file": "/x", "offset": 2}],
             "follows": [[0, 2]]}]})",
       // One point per callee.
       R"({"calls": [], "params": [], "pending": [], "objectCalls": [
            {"caller": "main", "callees": ["load", "fit"],
             "at": [{"file": "/x", "offset": 1}], "follows": []}]})"}) {
    llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
    ASSERT_TRUE(static_cast<bool>(V)) << Text;
    TranslationUnitFacts T;
    llvm::json::Path::Root Root;
    EXPECT_FALSE(fromJSON(*V, T, Root)) << Text;
  }
}

TEST(ProjectFactsTest, WellFormedJSONIsRead) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(
      R"({"calls": [], "params": [], "pending": [{"check": "c",
          "function": "f", "resultReturned": false, "helpers": [],
          "param": 0, "when": "unless-callers-guard",
          "at": {"file": "/x", "offset": 1}}]})");
  ASSERT_TRUE(static_cast<bool>(V));
  TranslationUnitFacts T;
  llvm::json::Path::Root Root;
  EXPECT_TRUE(fromJSON(*V, T, Root));
}

TEST(ProjectFactsTest, RecorderSortsAndDeduplicates) {
  FactsRecorder R;
  R.Facts.Calls.push_back(
      call("b", "f", CallGuard::None, ResultUse::Ignored, 9));
  R.Facts.Calls.push_back(
      call("a", "f", CallGuard::None, ResultUse::Ignored, 3));
  R.Facts.Calls.push_back(
      call("a", "f", CallGuard::None, ResultUse::Ignored, 3));
  R.finish();
  ASSERT_EQ(R.Facts.Calls.size(), 2u);
  EXPECT_EQ(R.Facts.Calls[0].Caller, "a");
  // Two conditions on one finding are both kept.
  R.Facts.Pending.push_back(pending("f", Condition::UnlessCallersEval));
  R.Facts.Pending.push_back(pending("f", Condition::IfHelpersOnlyInspect));
  R.Facts.Pending.push_back(pending("f", Condition::IfHelpersOnlyInspect));
  R.finish();
  EXPECT_EQ(R.Facts.Pending.size(), 2u);
  EXPECT_TRUE(R.claimFacts());
  EXPECT_FALSE(R.claimFacts());
  EXPECT_EQ(activeRecorder(), nullptr);
  {
    RecorderScope Scope(R);
    EXPECT_EQ(activeRecorder(), &R);
  }
  EXPECT_EQ(activeRecorder(), nullptr);
}

} // namespace
} // namespace clang::tidy::torch_tidy::project
