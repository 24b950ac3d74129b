#include "Fingerprints.h"

#include <map>
#include <tuple>

#include "DiagnosticSources.h"
#include "InputFile.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SHA1.h"

namespace clang::tidy::torch_tidy {
namespace {

std::string withoutSpace(llvm::StringRef Line) {
  std::string Out;
  for (char C : Line)
    if (!llvm::isSpace(C))
      Out += C;
  return Out;
}

// The file as the SARIF log names it: relative to the project root when it
// is under it.
std::string projectPath(llvm::StringRef Abs, llvm::StringRef Root) {
  llvm::StringRef Relative = Abs;
  if (Relative.consume_front(Root) && Relative.consume_front("/"))
    return Relative.str();
  return Abs.str();
}

} // namespace

std::vector<std::string> fingerprints(llvm::ArrayRef<ClangTidyError> Errors,
                                      llvm::StringRef ProjectRoot) {
  const std::string RootDir = absolutePath(ProjectRoot, "");
  const llvm::StringRef Root = llvm::StringRef(RootDir).rtrim('/');
  SourceLines Lines;
  // Each finding's identity without its rank, and where it is.
  struct Key {
    std::string Identity;
    unsigned Offset;
  };
  std::vector<std::optional<Key>> Keys;
  for (const ClangTidyError &E : Errors) {
    if (E.Message.FilePath.empty()) {
      Keys.emplace_back();
      continue;
    }
    const std::string Abs = absolutePath(E.Message.FilePath, E.BuildDirectory);
    const std::string Identity =
        E.DiagnosticName + '\0' + projectPath(Abs, Root) + '\0' +
        withoutSpace(Lines.lineText(Abs, E.Message.FileOffset));
    Keys.push_back(Key{Identity, E.Message.FileOffset});
  }
  // The rank among findings of one identity, in file order (the errors'
  // order is the run's, which does not follow the file).
  std::map<std::string, std::vector<std::pair<unsigned, size_t>>> Ranks;
  for (size_t I = 0; I < Keys.size(); ++I)
    if (Keys[I])
      Ranks[Keys[I]->Identity].push_back({Keys[I]->Offset, I});
  std::vector<std::string> Result(Errors.size());
  for (auto &[Identity, Members] : Ranks) {
    llvm::sort(Members);
    for (size_t Rank = 0; Rank < Members.size(); ++Rank) {
      const std::string Text = Identity + '\0' + std::to_string(Rank);
      Result[Members[Rank].second] =
          llvm::toHex(llvm::SHA1::hash(llvm::arrayRefFromStringRef(Text)),
                      /*LowerCase=*/true);
    }
  }
  return Result;
}

llvm::Expected<Baseline> Baseline::load(llvm::StringRef SarifPath) {
  auto Buffer = readInputFile(SarifPath, LogSizeLimit);
  if (!Buffer)
    return llvm::createStringError("cannot read '" + SarifPath +
                                   "': " + llvm::toString(Buffer.takeError()));
  llvm::Expected<llvm::json::Value> Log =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Log)
    return llvm::createStringError(
        "'" + SarifPath + "' is not JSON: " + llvm::toString(Log.takeError()));
  const llvm::json::Object *Root = Log->getAsObject();
  const llvm::json::Array *Runs = Root ? Root->getArray("runs") : nullptr;
  if (!Runs)
    return llvm::createStringError("'" + SarifPath +
                                   "' is not a SARIF log (no \"runs\")");
  Baseline B;
  for (const llvm::json::Value &Run : *Runs) {
    const llvm::json::Object *R = Run.getAsObject();
    const llvm::json::Array *Results = R ? R->getArray("results") : nullptr;
    if (!Results)
      continue;
    for (const llvm::json::Value &Result : *Results) {
      const llvm::json::Object *O = Result.getAsObject();
      if (!O)
        continue;
      std::optional<llvm::StringRef> Rule = O->getString("ruleId");
      const llvm::json::Object *Prints = O->getObject("partialFingerprints");
      std::optional<llvm::StringRef> Print =
          Prints ? Prints->getString(FingerprintKey) : std::nullopt;
      if (Rule && Print)
        B.Known.insert({Rule->str(), Print->str()});
    }
  }
  return B;
}

FindingPrints::FindingPrints(llvm::ArrayRef<ClangTidyError> Errors,
                             llvm::StringRef ProjectRoot) {
  const std::vector<std::string> All = fingerprints(Errors, ProjectRoot);
  for (size_t I = 0; I < Errors.size(); ++I)
    if (!All[I].empty())
      Prints.emplace(keyOf(Errors[I]), All[I]);
}

FindingPrints::Key FindingPrints::keyOf(const ClangTidyError &E) {
  return {E.DiagnosticName, E.BuildDirectory, E.Message.FilePath,
          E.Message.FileOffset, E.Message.Message};
}

llvm::StringRef FindingPrints::of(const ClangTidyError &E) const {
  auto It = Prints.find(keyOf(E));
  return It == Prints.end() ? llvm::StringRef() : llvm::StringRef(It->second);
}

size_t dropBaselineFindings(std::vector<ClangTidyError> &Errors,
                            const Baseline &Known,
                            const FindingPrints &Prints) {
  const size_t Before = Errors.size();
  llvm::erase_if(Errors, [&](const ClangTidyError &E) {
    const llvm::StringRef Print = Prints.of(E);
    return !isToolError(E) && !Print.empty() &&
           Known.contains(E.DiagnosticName, Print);
  });
  return Before - Errors.size();
}

} // namespace clang::tidy::torch_tidy
