// Files that flags name as input (--config-file, --baseline, the logs of
// --merge-sarif, the diff of --diff=-), read with bounds: a regular file, or
// a pipe (a shell's <(...), standard input), up to a size limit. A device
// such as /dev/zero or /dev/urandom would be read forever; it is refused, and
// a pipe that goes on past the limit is an error, not an exhausted memory.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

namespace clang::tidy::torch_tidy {

// Limits for the files torch-tidy reads: a configuration, and a log (SARIF,
// a diff) of a whole project.
constexpr uint64_t ConfigSizeLimit = uint64_t(64) << 20; // 64 MiB
constexpr uint64_t LogSizeLimit = uint64_t(1) << 30;     // 1 GiB

// The contents of `Path`. The error says what is wrong with the file ("it
// is a directory", "it is a device, not a file", "it is larger than 64
// MiB", or the system's reason), without naming it.
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readInputFile(llvm::StringRef Path, uint64_t Limit);

// Standard input, read the same way: a pipe, a socket or a file; not a
// terminal (nothing would say that the run waits for it) or a device.
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readStandardInput(uint64_t Limit);

// For a file that exists and is read whole by the compiler or clang's
// libraries (a source, compile_commands.json): why it cannot be (a FIFO
// would block until something writes to it, a device would be read
// forever), or none for a regular file.
std::optional<std::string> notARegularFile(llvm::StringRef Path);

} // namespace clang::tidy::torch_tidy
