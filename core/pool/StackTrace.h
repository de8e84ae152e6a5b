#pragma once

#include <string>
#include <vector>

namespace poolscope {

/// Captures and symbolises call stacks for leak reports.
class StackTrace {
public:
    /// Fills `frames` with up to `max` return addresses of the calling thread,
    /// skipping `skip` innermost frames. Returns the number stored.
    static int capture(void** frames, int max, int skip);
    /// One line per frame, innermost first: "function+0xoff (module)", demangled
    /// where the symbol is known (executables should link with -rdynamic).
    static std::vector<std::string> symbolize(void* const* frames, int count);
};

}  // namespace poolscope
