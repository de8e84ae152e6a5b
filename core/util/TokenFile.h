#pragma once
// Bearer tokens are read from a file, never from the command line (argv is
// visible to every user of the machine) and never logged.

#include <string>

#include "core/util/Result.h"

namespace poolscope {

/// The token in `path`: its content without surrounding whitespace. Refused
/// when the file cannot be read, is empty, is longer than 4 KiB, or holds
/// more than one line or a control character. Errors name the file, never
/// its content.
Result<std::string> readTokenFile(const std::string& path);

}  // namespace poolscope
