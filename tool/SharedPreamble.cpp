#include "SharedPreamble.h"

#include <fcntl.h>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "AtomicOutput.h"
#include "FileReads.h"
#include "KeyHasher.h"
#include "ResultCache.h"
#include "TidyRunner.h"
#include "clang/Driver/Types.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::torch_tidy {

namespace json = llvm::json;
namespace fs = llvm::sys::fs;

namespace {

constexpr llvm::StringLiteral ManifestFormat = "torch-tidy-preamble 1";

// A line of source without its comments; InComment carries a /* */ comment
// over lines.
std::string withoutComments(llvm::StringRef Line, bool &InComment) {
  std::string Code;
  while (!Line.empty()) {
    if (InComment) {
      const size_t End = Line.find("*/");
      if (End == llvm::StringRef::npos)
        return Code;
      Line = Line.drop_front(End + 2);
      InComment = false;
      Code += ' ';
    } else if (Line.starts_with("//")) {
      return Code;
    } else if (Line.starts_with("/*")) {
      Line = Line.drop_front(2);
      InComment = true;
    } else {
      Code += Line.front();
      Line = Line.drop_front();
    }
  }
  return Code;
}

// `<name>` of `#include <name>`, or nothing for any other line.
std::optional<std::string> angledInclude(llvm::StringRef Code) {
  Code = Code.trim();
  if (!Code.consume_front("#"))
    return std::nullopt;
  Code = Code.ltrim();
  if (!Code.consume_front("include"))
    return std::nullopt;
  Code = Code.ltrim();
  if (!Code.consume_front("<") || !Code.consume_back(">") || Code.empty() ||
      Code.contains('>') || Code.contains('<'))
    return std::nullopt;
  return Code.str();
}

} // namespace

std::vector<std::string> leadingSystemIncludes(llvm::StringRef Text) {
  std::vector<std::string> Includes;
  bool InComment = false;
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    Text = Rest;
    // A continued line is not worth reading right: stop there.
    if (Line.rtrim("\r").ends_with("\\"))
      break;
    const std::string Code = withoutComments(Line, InComment);
    if (llvm::StringRef(Code).trim().empty())
      continue;
    std::optional<std::string> Name = angledInclude(Code);
    if (!Name)
      break;
    Includes.push_back(std::move(*Name));
  }
  return Includes;
}

namespace {

// Files with the same directory, arguments and first system include.
struct Group {
  std::string Directory;
  std::vector<std::string> Arguments; // the compiler's first, no file
  std::vector<std::string> Includes;  // common to every member
  std::vector<size_t> Members;
  unsigned ToParse = 0;
};

// The arguments a file is parsed with, without the file; none when the
// file does not appear exactly once or is not C++ by its name.
std::optional<std::vector<std::string>>
sharedArguments(const tooling::CompileCommand &Command,
                const ClangTidyOptions &Options) {
  const driver::types::ID Type = driver::types::lookupTypeForExtension(
      llvm::sys::path::extension(Command.Filename).drop_front());
  if (Type == driver::types::TY_INVALID || !driver::types::isCXX(Type))
    return std::nullopt;
  std::vector<std::string> Args =
      tidyArguments(Command.CommandLine, Command.Filename, Options);
  // -x would apply to the preamble's header as well.
  if (llvm::is_contained(Args, "-x") || Args.empty())
    return std::nullopt;
  if (llvm::count(Args, Command.Filename) != 1)
    return std::nullopt;
  llvm::erase(Args, Command.Filename);
  return Args;
}

// The first error of the preamble's build: why it is not used.
class FirstError : public DiagnosticConsumer {
public:
  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error || !Message.empty())
      return;
    llvm::SmallString<128> Text;
    Info.FormatDiagnostic(Text);
    Message = std::string(Text);
  }
  std::string Message;
};

// Generates the precompiled header, and names the files it read as
// system headers or not.
class PreambleAction : public GeneratePCHAction {
public:
  PreambleAction(std::set<fs::UniqueID> &System, std::string &UserFile)
      : System(System), UserFile(UserFile) {}

protected:
  void EndSourceFileAction() override {
    const SourceManager &SM = getCompilerInstance().getSourceManager();
    OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
    visitParsedFiles(SM, [&](FileEntryRef File, bool IsSystem) {
      if (Main == File)
        return;
      if (IsSystem)
        System.insert(File.getUniqueID());
      else if (UserFile.empty())
        UserFile = File.getName().str();
    });
    GeneratePCHAction::EndSourceFileAction();
  }

private:
  std::set<fs::UniqueID> &System;
  std::string &UserFile;
};

class PreambleActionFactory : public tooling::FrontendActionFactory {
public:
  PreambleActionFactory(std::set<fs::UniqueID> &System, std::string &UserFile)
      : System(System), UserFile(UserFile) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<PreambleAction>(System, UserFile);
  }
  // As the files' runs (TidyRunner.cpp): __clang_analyzer__ is defined, or
  // the preamble's predefines would not match theirs.
  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    return FrontendActionFactory::runInvocation(
        std::move(Invocation), Files, std::move(PCHContainerOps), DiagConsumer);
  }

private:
  std::set<fs::UniqueID> &System;
  std::string &UserFile;
};

// The header that holds the includes, written only when it differs: the
// precompiled header records its modification time.
bool writeHeader(const std::string &Path, llvm::StringRef Text) {
  auto Old = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (Old && (*Old)->getBuffer() == Text)
    return true;
  return !llvm::errorToBool(replaceFile(Path, Text));
}

// An exclusive lock on a preamble's directory while it is checked or
// built, so that concurrent runs build it once.
class DirectoryLock {
public:
  explicit DirectoryLock(const std::string &Dir) {
    FD = ::open((Dir + "/lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (FD >= 0)
      (void)::flock(FD, LOCK_EX);
  }
  ~DirectoryLock() {
    if (FD >= 0)
      ::close(FD);
  }
  DirectoryLock(const DirectoryLock &) = delete;
  DirectoryLock &operator=(const DirectoryLock &) = delete;

private:
  int FD = -1;
};

struct Outcome {
  std::string Pch; // empty: not usable
  bool Built = false;
  std::string Note;
};

// What a still-valid manifest says, if there is one.
std::optional<Outcome> reuse(const std::string &Dir, const std::string &Pch) {
  auto Text = llvm::MemoryBuffer::getFile(Dir + "/manifest", /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!Text)
    return std::nullopt;
  std::optional<json::Value> Body =
      unsealText(ManifestFormat, (*Text)->getBuffer());
  const json::Object *O = Body ? Body->getAsObject() : nullptr;
  if (!O || !readsUnchanged(*O, nullptr))
    return std::nullopt;
  std::optional<llvm::StringRef> Reason = O->getString("unusable");
  if (Reason)
    return Outcome{"", false, Reason->str()};
  // The precompiled header as it was written (not truncated or replaced).
  fs::file_status Status;
  const json::Array *Written = O->getArray("pch");
  if (fs::status(Pch, Status) || !Written || Written->size() != 2 ||
      (*Written)[0].getAsUINT64() != Status.getSize() ||
      (*Written)[1].getAsInteger() !=
          nanoseconds(Status.getLastModificationTime()))
    return std::nullopt;
  (void)::utimensat(AT_FDCWD, Pch.c_str(), nullptr, 0);
  return Outcome{Pch, false, ""};
}

Outcome build(const Group &G, const std::string &Dir, const std::string &Pch) {
  std::string Header = Dir + "/prefix.h";
  std::string Text;
  for (const std::string &Include : G.Includes)
    Text += "#include <" + Include + ">\n";
  if (!writeHeader(Header, Text))
    return {"", false, "cannot write '" + Header + "'"};
  std::vector<std::string> Args = G.Arguments;
  llvm::erase(Args, "-fsyntax-only");
  Args.insert(Args.end(), {"-fpch-instantiate-templates", "-x", "c++-header",
                           Header, "-o", Pch});
  FileReads Reads;
  auto FS = observingFileSystem(llvm::vfs::createPhysicalFileSystem(),
                                Reads.observer());
  if (FS->setCurrentWorkingDirectory(G.Directory))
    return {"", false, "no directory '" + G.Directory + "'"};
  auto Files = llvm::makeIntrusiveRefCnt<FileManager>(FileSystemOptions(), FS);
  std::set<fs::UniqueID> System;
  std::string UserFile;
  PreambleActionFactory Factory(System, UserFile);
  FirstError Errors;
  tooling::ToolInvocation Invocation(
      Args, &Factory, Files.get(), std::make_shared<PCHContainerOperations>());
  Invocation.setDiagnosticConsumer(&Errors);
  const bool Ok = Invocation.run() && Errors.Message.empty();
  json::Object Manifest;
  std::string Reason;
  if (!UserFile.empty())
    Reason = "it includes the project header '" + UserFile + "'";
  else if (!Ok)
    Reason = "it does not compile: " +
             (Errors.Message.empty() ? "the compiler failed" : Errors.Message);
  if (!Reason.empty())
    Manifest["unusable"] = Reason;
  if (Reads.changedDuringRun())
    return {"", false, "its headers changed while it was built"};
  readsToJSON(Reads, System, "", Manifest);
  fs::file_status Status;
  if (Reason.empty()) {
    if (fs::status(Pch, Status))
      return {"", true, "no precompiled header was written"};
    Manifest["pch"] = json::Array{
        Status.getSize(), nanoseconds(Status.getLastModificationTime())};
  }
  llvm::consumeError(replaceFile(
      Dir + "/manifest", sealedText(ManifestFormat, std::move(Manifest))));
  if (!Reason.empty()) {
    fs::remove(Pch);
    return {"", true, Reason};
  }
  return {Pch, true, ""};
}

// The preamble of a group: reused, built (when `Build`), or why there is
// none.
Outcome ensure(const Group &G, const PreambleOptions &Options, bool Build) {
  KeyHasher H;
  H.add(Options.Tool).add("preamble").add(G.Directory);
  for (const std::string &Arg : G.Arguments)
    H.add(Arg);
  H.add("includes");
  for (const std::string &Include : G.Includes)
    H.add(Include);
  addDriverEnvironment(H);
  llvm::SmallString<256> Dir(Options.Dir);
  llvm::sys::path::append(Dir, H.hex());
  // Too few files to build one: only one already built is of use.
  if (!Build && !fs::exists(Dir + "/manifest"))
    return {"", false, ""};
  if (std::error_code EC = fs::create_directories(Dir))
    return {"", false, "cannot create '" + Dir.str().str() + "'"};
  const std::string Pch = (Dir + "/prefix.pch").str();
  DirectoryLock Lock(Dir.str().str());
  if (std::optional<Outcome> Kept = reuse(Dir.str().str(), Pch))
    return *Kept;
  if (!Build)
    return {"", false, ""};
  return build(G, Dir.str().str(), Pch);
}

std::string describe(const Group &G) {
  std::string Text;
  for (const std::string &Include : G.Includes)
    Text += (Text.empty() ? "<" : " <") + Include + ">";
  return Text;
}

// The groups of the inputs that may share a preamble.
std::vector<Group> groupInputs(llvm::ArrayRef<PreambleInput> Inputs) {
  std::map<std::string, Group> Groups;
  for (size_t I = 0; I < Inputs.size(); ++I) {
    const PreambleInput &In = Inputs[I];
    if (!In.Commands || In.Commands->size() != 1)
      continue;
    const tooling::CompileCommand &Command = In.Commands->front();
    std::optional<std::vector<std::string>> Args =
        sharedArguments(Command, In.Options);
    auto Text = llvm::MemoryBuffer::getFile(In.File, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
    if (!Args || !Text)
      continue;
    std::vector<std::string> Includes =
        leadingSystemIncludes((*Text)->getBuffer());
    if (Includes.empty())
      continue;
    std::string Key = Command.Directory + '\0' + Includes.front();
    for (const std::string &Arg : *Args)
      Key += '\0' + Arg;
    auto [It, New] = Groups.try_emplace(Key);
    Group &G = It->second;
    if (New) {
      G.Directory = Command.Directory;
      G.Arguments = std::move(*Args);
      G.Includes = std::move(Includes);
    } else {
      // The longest prefix every member starts with.
      size_t Common = 0;
      while (Common < G.Includes.size() && Common < Includes.size() &&
             G.Includes[Common] == Includes[Common])
        ++Common;
      G.Includes.resize(Common);
    }
    G.Members.push_back(I);
    G.ToParse += In.Parse;
  }
  std::vector<Group> List;
  for (auto &Entry : Groups)
    List.push_back(std::move(Entry.second));
  return List;
}

} // namespace

PreamblePlan planPreambles(llvm::ArrayRef<PreambleInput> Inputs,
                           const PreambleOptions &Options) {
  PreamblePlan Plan;
  Plan.Pch.resize(Inputs.size());
  std::vector<Group> Groups = groupInputs(Inputs);
  llvm::erase_if(Groups, [](const Group &G) { return G.ToParse == 0; });
  std::vector<Outcome> Outcomes(Groups.size());
  {
    const unsigned Threads =
        Options.Jobs ? Options.Jobs
                     : llvm::hardware_concurrency().compute_thread_count();
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(
        std::max(1u, std::min<unsigned>(Threads, Groups.size()))));
    for (size_t I = 0; I < Groups.size(); ++I)
      Pool.async([&, I] {
        Outcomes[I] =
            ensure(Groups[I], Options,
                   Groups[I].Members.size() >= std::max(1u, Options.MinFiles));
      });
    Pool.wait();
  }
  llvm::raw_string_ostream Notes(Plan.Notes);
  for (size_t I = 0; I < Groups.size(); ++I) {
    const Group &G = Groups[I];
    const Outcome &O = Outcomes[I];
    if (O.Pch.empty() && O.Note.empty())
      continue; // too few files to build one
    Notes << "torch-tidy: preamble " << describe(G) << " for " << G.ToParse
          << " files: ";
    if (O.Pch.empty()) {
      Notes << "not used: " << O.Note << "\n";
      continue;
    }
    Notes << (O.Built ? "built" : "reused") << "\n";
    for (size_t Member : G.Members)
      if (Inputs[Member].Parse)
        Plan.Pch[Member] = O.Pch;
  }
  return Plan;
}

} // namespace clang::tidy::torch_tidy
