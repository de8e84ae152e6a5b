#pragma once

#include <string>
#include <vector>

namespace poolscope {

/// Captures call stacks cheaply (addresses only) and resolves them later, when
/// a leak report is made.
class StackTrace {
public:
    /// Fills `frames` with up to `max` return addresses of the calling thread,
    /// skipping `skip` innermost frames. Returns the number stored. No symbol
    /// lookup, no allocation: meant for the acquire path.
    static int capture(void** frames, int max, int skip);
    /// One line per frame, innermost first, inlined calls as frames of their
    /// own: "OrderService::create() at tests/core/pool/LeakStackTest.cpp:42"
    /// (demangled; paths inside the source tree relative to it). Where debug
    /// info is missing: "symbol (module+0xoff)" or "module+0xoff", which
    /// `addr2line -e MODULE 0xoff` resolves. Leading frames of PoolScope's own
    /// acquire code (core/pool/) are left out. Thread-safe; slow (reads debug
    /// info on first use), so call it only when reporting.
    static std::vector<std::string> symbolize(void* const* frames, int count);
};

}  // namespace poolscope
