// What the project's Python export scripts say about the TorchScript files
// they save (checks/utils/ExportScripts.h), and how a TorchScript finding's
// condition is decided by them (ProjectIndex::exportNeedsEval). The scripts
// are the shapes of real export scripts, reworded.
#include "utils/ExportScripts.h"
#include "utils/ProjectIndex.h"

#include "gtest/gtest.h"

namespace clang::tidy::torch_tidy::project {
namespace {

using Names = std::vector<std::string>;

std::vector<ScriptExport> scan(llvm::StringRef Text) {
  return scanExportScript("/p/export.py", Text);
}

TEST(ExportScriptsTest, TracedWithoutEvalNeedsEval) {
  const auto Exports = scan(R"(import torch
import torchvision
net = torchvision.models.resnet18(pretrained=True)
net.fc = torch.nn.Identity()
example = torch.rand(1, 3, 224, 224)
traced = torch.jit.trace(net, example)
traced.save('backbone.pt')
)");
  ASSERT_EQ(Exports.size(), 1u);
  EXPECT_TRUE(Exports[0].NeedsEval);
  EXPECT_TRUE(Exports[0].Traced);
  EXPECT_EQ(Exports[0].Line, 6u);
  EXPECT_EQ(Exports[0].SavedNames, (Names{"backbone.pt"}));
}

TEST(ExportScriptsTest, EvalBeforeTheTraceNeedsNone) {
  const auto Exports = scan(R"(import torchvision, torch
net = torchvision.models.resnet18(pretrained=True)
# switch off dropout and batch statistics first
net.eval()
traced = torch.jit.trace(net, torch.rand(1, 3, 224, 224))
traced.save("resnet.pt")
)");
  ASSERT_EQ(Exports.size(), 1u);
  EXPECT_FALSE(Exports[0].NeedsEval);
}

TEST(ExportScriptsTest, EvalInsideTheCallOrByAssignmentCounts) {
  EXPECT_FALSE(
      scan("m = make()\nt = torch.jit.trace(m.eval(), x)\n")[0].NeedsEval);
  EXPECT_FALSE(
      scan("m = make()\nm = m.train(False)\nt = torch.jit.script(m)\n")[0]
          .NeedsEval);
  // Another model's eval() is not this one's.
  EXPECT_TRUE(scan("m = make()\nother.eval()\nt = torch.jit.trace(m, x)\n")[0]
                  .NeedsEval);
}

// A wrapper's save method traces its model attribute: the eval() that
// counts is the attribute's (a training wrapper's save_model(), reworded).
TEST(ExportScriptsTest, AnAttributeIsTracedAsItsWholeName) {
  EXPECT_FALSE(scan(R"(class Wrapper():
    def save(self, path):
        self.net.eval()
        if self.gpu:
            self.net.cuda()
        traced = torch.jit.trace(self.net, example)
        traced.save(path + '.pt')
)")[0]
                   .NeedsEval);
  // Another attribute's eval() is not this one's.
  EXPECT_TRUE(scan("class W():\n    def save(self):\n        self.head.eval()\n"
                   "        t = torch.jit.trace(self.net, x)\n")[0]
                  .NeedsEval);
  // The owner's eval() reaches its submodule (a DataParallel's .module).
  EXPECT_FALSE(scan("net = make()\nnet.eval()\n"
                    "t = torch.jit.trace(net.module, x)\n")[0]
                   .NeedsEval);
  // A called component is not part of the name: m.to(device) traces m.
  EXPECT_FALSE(
      scan("m = make()\nm.eval()\nt = torch.jit.trace(m.to(dev), x)\n")[0]
          .NeedsEval);
}

TEST(ExportScriptsTest, FreezingNeedsEvalMode) {
  const auto Exports = scan(R"(def export(enc, path):
    module = torch.jit.trace(enc, example_inputs=dummy)
    module = torch.jit.freeze(module)
    name = "encoder.en.pt" if english else "encoder.pt"
    module.save(name)
)");
  ASSERT_EQ(Exports.size(), 1u);
  EXPECT_FALSE(Exports[0].NeedsEval);
  EXPECT_EQ(Exports[0].SavedNames, (Names{"encoder.en.pt", "encoder.pt"}));
}

TEST(ExportScriptsTest, EvalAfterScriptingCountsNotAfterTracing) {
  EXPECT_FALSE(scan("m = make()\ns = torch.jit.script(m)\ns.eval()\n"
                    "s.save('a.pt')\n")[0]
                   .NeedsEval);
  // A trace keeps the training-mode graph it recorded.
  EXPECT_TRUE(scan("m = make()\ns = torch.jit.trace(m, x)\ns.eval()\n"
                   "s.save('a.pt')\n")[0]
                  .NeedsEval);
}

TEST(ExportScriptsTest, LayersThatIgnoreTheModeNeedNoEval) {
  const auto Exports = scan(R"(import sys
import torch
import torch.nn as nn
import torch.nn.functional as F

class Small(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 6, (5, 5), padding=2)
        self.fc = torch.nn.Linear(6 * 14 * 14,
                                  10)

    def body(self, x):
        x = F.max_pool2d(F.relu(self.conv(x)), 2)
        return self.fc(x.reshape((x.size(0), -1)))

    def forward(self, x):
        return self.body(x)

class Signed(Small):
    def forward(self, x):
        y = self.body(x)
        return y if y.sum() > 0 else -y

plain = Small()
signed = Signed()
t = torch.jit.trace(plain, torch.rand(1, 1, 28, 28))
s = torch.jit.script(signed)
out = sys.path[0] + "/"
t.save(out + "small.pt")
s.save(out + "signed.pt")
)");
  ASSERT_EQ(Exports.size(), 2u);
  EXPECT_FALSE(Exports[0].NeedsEval);
  EXPECT_EQ(Exports[0].SavedNames, (Names{"small.pt"}));
  EXPECT_FALSE(Exports[1].NeedsEval);
  EXPECT_FALSE(Exports[1].Traced);
  EXPECT_EQ(Exports[1].SavedNames, (Names{"signed.pt"}));
}

TEST(ExportScriptsTest, ModeDependentOrUnseenLayersNeedEval) {
  // Dropout in the class, in a base, in a part, or a layer not known.
  for (const char *Class :
       {"class Net(nn.Module):\n    def __init__(self):\n"
        "        self.drop = nn.Dropout(0.5)\n",
        "class Base(nn.Module):\n    def forward(self, x):\n"
        "        return F.dropout(x, 0.1, self.training)\n"
        "class Net(Base):\n    pass\n",
        "class Block(nn.Module):\n    def __init__(self):\n"
        "        self.bn = nn.BatchNorm2d(8)\n"
        "class Net(nn.Module):\n    def __init__(self):\n"
        "        self.block = Block()\n",
        "class Net(nn.Module):\n    def __init__(self):\n"
        "        self.rnn = nn.LSTM(4, 4, dropout=0.2)\n",
        "class Net(nn.Module):\n    def __init__(self):\n"
        "        self.body = Mystery(3)\n",
        "class Net(nn.Module):\n    def __init__(self):\n"
        "        self.body = torchvision.models.resnet18()\n",
        "class Net(Imported):\n    pass\n",
        // A wrapper around a model it is given (a loaded one, say).
        "class Net(nn.Module):\n    def __init__(self, m):\n"
        "        self.m = m\n    def forward(self, x):\n"
        "        return self.m.run(x)\n"}) {
    const std::string Script =
        std::string(Class) + "net = Net()\ns = torch.jit.script(net)\n";
    const auto Exports = scan(Script);
    ASSERT_EQ(Exports.size(), 1u) << Script;
    EXPECT_TRUE(Exports[0].NeedsEval) << Script;
  }
}

TEST(ExportScriptsTest, AReusedNameSavesTheNextExport) {
  const auto Exports = scan(R"(full = torchvision.models.resnet18()
out = torch.jit.trace(full, x)
out.save('full.pt')
full.eval()
out = torch.jit.trace(full, x)
out.save('eval.pt')
)");
  ASSERT_EQ(Exports.size(), 2u);
  EXPECT_TRUE(Exports[0].NeedsEval);
  EXPECT_EQ(Exports[0].SavedNames, (Names{"full.pt"}));
  EXPECT_FALSE(Exports[1].NeedsEval);
  EXPECT_EQ(Exports[1].SavedNames, (Names{"eval.pt"}));
}

TEST(ExportScriptsTest, KeptSizesAreNoOutsideModules) {
  const auto Exports = scan(R"(class Net(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.width = width
        self.fc = nn.Linear(width, 2 * self.width)
net = Net(4)
s = torch.jit.script(net)
)");
  ASSERT_EQ(Exports.size(), 1u);
  EXPECT_FALSE(Exports[0].NeedsEval);
}

TEST(ExportScriptsTest, ReturnedTraceIsFollowedToItsSave) {
  const auto Exports = scan(R"(def backbone_module(model):
    model.eval()
    return torch.jit.trace(model, torch.rand(1, 3, 224, 224))

def main():
    mod = backbone_module(build())
    mod.save('encoder_backbone.pt')
)");
  ASSERT_EQ(Exports.size(), 1u);
  EXPECT_FALSE(Exports[0].NeedsEval);
  EXPECT_EQ(Exports[0].SavedNames, (Names{"encoder_backbone.pt"}));
}

TEST(ExportScriptsTest, JitSaveAndUnknownNames) {
  auto Exports = scan("s = torch.jit.script(m)\ntorch.jit.save(s, 'a.ptl')\n");
  EXPECT_EQ(Exports[0].SavedNames, (Names{"a.ptl"}));
  // An f-string with a field, or a parameter: the name is not known.
  Exports = scan("s = torch.jit.script(m)\ns.save(f'model-{tag}.pt')\n"
                 "torch.jit.save(s, path)\n");
  EXPECT_TRUE(Exports[0].SavedNames.empty());
  // Mentions in comments and strings are no exports.
  EXPECT_TRUE(scan("# torch.jit.trace(m, x) is how\nprint('use "
                   "jit.freeze')\n")
                  .empty());
}

TEST(ExportScriptsTest, RootHoldsTheFilesAndTheWorkingDirectory) {
  EXPECT_EQ(exportScriptRoot({"/r/src/core/a.cpp", "/r/src/b.cpp"}, "/r"),
            "/r");
  EXPECT_EQ(exportScriptRoot({"/r/src/a.cpp", "/r/src/b/c.cpp"}, "/r/src/b"),
            "/r/src");
  // A working directory elsewhere: the files' own directory.
  EXPECT_EQ(exportScriptRoot({"/r/src/a.cpp"}, "/tmp"), "/r/src");
  EXPECT_EQ(exportScriptRoot({"/a.cpp"}, "/"), "");
}

ScriptExport exported(std::vector<std::string> Names, bool NeedsEval) {
  ScriptExport E;
  E.File = "/p/export.py";
  E.SavedNames = std::move(Names);
  E.NeedsEval = NeedsEval;
  return E;
}

TEST(ExportScriptsTest, LoadsAreMatchedByFileName) {
  const TranslationUnitFacts Units[1];
  const ScriptExport Exports[] = {exported({"eval.pt"}, false),
                                  exported({"train.pt"}, true)};
  ProjectIndex Index(Units, Exports);
  const ScriptExport *Witness = nullptr;
  EXPECT_FALSE(Index.exportNeedsEval({"./models/eval.pt"}, Witness));
  EXPECT_TRUE(Index.exportNeedsEval({"models/train.pt"}, Witness));
  EXPECT_EQ(Witness, &Exports[1]);
  // Not the same file: "noteval.pt" does not end a path at "eval.pt".
  EXPECT_TRUE(Index.exportNeedsEval({"noteval.pt"}, Witness));
  EXPECT_EQ(Witness, nullptr);
  // A path with no file name in it: every export decides; one needs eval.
  EXPECT_TRUE(Index.exportNeedsEval({"./models/"}, Witness));
}

TEST(ExportScriptsTest, UnnamedLoadsFollowTheOneExportScript) {
  const TranslationUnitFacts Units[1];
  const ScriptExport InEval[] = {exported({"a.pt"}, false),
                                 exported({}, false)};
  const ScriptExport *Witness = nullptr;
  EXPECT_FALSE(ProjectIndex(Units, InEval).exportNeedsEval({}, Witness));
  EXPECT_TRUE(ProjectIndex(Units, {}).exportNeedsEval({}, Witness));
  // Two scripts, both in eval mode: which made the module is not known
  // (a project exporting several models, one loaded from a config).
  ScriptExport Other = exported({"b.pt"}, false);
  Other.File = "/p/other/export.py";
  const ScriptExport TwoScripts[] = {InEval[0], Other};
  EXPECT_TRUE(ProjectIndex(Units, TwoScripts).exportNeedsEval({}, Witness));
  PendingFinding F;
  F.When = Condition::IfExportNeedsEval;
  EXPECT_FALSE(ProjectIndex(Units, InEval).resolve(F).Keep);
  EXPECT_TRUE(ProjectIndex(Units, {}).resolve(F).Keep);
}

TEST(ExportScriptsTest, TracedInTrainingModeIsFoundBesideTheCode) {
  const TranslationUnitFacts Units[1];
  ScriptExport Traced = exported({"backbone.pt"}, true);
  Traced.File = "/p/tuner/convert.py";
  Traced.Traced = true;
  ScriptExport Scripted = exported({"head.pt"}, true); // not traced
  Scripted.File = "/p/tools/export_head.py";
  const ScriptExport Exports[] = {Traced, Scripted};
  const ProjectIndex Index(Units, Exports);
  // By file name, and with none, by the one script beside the code.
  EXPECT_EQ(Index.tracedInTraining({"models/backbone.pt"}, "/q/x.cpp"),
            &Exports[0]);
  EXPECT_EQ(Index.tracedInTraining({}, "/p/tuner/main.cpp"), &Exports[0]);
  // A scripted module in training mode: eval() does switch it.
  EXPECT_EQ(Index.tracedInTraining({"head.pt"}, "/p/tuner/main.cpp"), nullptr);
  // No script beside the code, and two in the project: not known.
  EXPECT_EQ(Index.tracedInTraining({}, "/p/main.cpp"), nullptr);
  // A file no script saves: not known either.
  EXPECT_EQ(Index.tracedInTraining({"other.pt"}, "/p/tuner/main.cpp"), nullptr);
  // Traced after eval(): nothing baked in.
  Traced.NeedsEval = false;
  const ScriptExport InEval[] = {Traced};
  EXPECT_EQ(ProjectIndex(Units, InEval).tracedInTraining({}, "/p/main.cpp"),
            nullptr);
  PendingFinding F;
  F.When = Condition::IfExportTracedInTraining;
  F.At = {"/p/tuner/main.cpp", 1};
  const Verdict V = Index.resolve(F);
  EXPECT_TRUE(V.Keep);
  EXPECT_EQ(V.Export, &Exports[0]);
}

} // namespace
} // namespace clang::tidy::torch_tidy::project
