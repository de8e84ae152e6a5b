#include "core/pool/StackTrace.h"

#include <cxxabi.h>
#include <dlfcn.h>
#include <execinfo.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace poolscope {

int StackTrace::capture(void** frames, int max, int skip) {
    constexpr int kLimit = 64;
    void* buf[kLimit];
    const int n = backtrace(buf, kLimit);
    int out = 0;
    for (int i = skip; i < n && out < max; ++i) frames[out++] = buf[i];
    return out;
}

std::vector<std::string> StackTrace::symbolize(void* const* frames, int count) {
    std::vector<std::string> lines;
    lines.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
        Dl_info info{};
        char addr[32];
        std::snprintf(addr, sizeof addr, "%p", frames[i]);
        if (dladdr(frames[i], &info) == 0) {
            lines.emplace_back(addr);
            continue;
        }
        std::string line;
        if (info.dli_sname != nullptr) {
            int status = 0;
            std::unique_ptr<char, decltype(&std::free)> demangled(
                abi::__cxa_demangle(info.dli_sname, nullptr, nullptr, &status), &std::free);
            line = status == 0 && demangled ? demangled.get() : info.dli_sname;
            char off[32];
            std::snprintf(off, sizeof off, "+0x%zx",
                          static_cast<size_t>(static_cast<const char*>(frames[i]) -
                                              static_cast<const char*>(info.dli_saddr)));
            line += off;
        } else {
            // No exported symbol (a static function, or no -rdynamic): give
            // the module offset, which `addr2line -e MODULE OFFSET` resolves.
            char off[48];
            std::snprintf(off, sizeof off, "%s +0x%zx", addr,
                          static_cast<size_t>(static_cast<const char*>(frames[i]) -
                                              static_cast<const char*>(info.dli_fbase)));
            line = off;
        }
        if (info.dli_fname != nullptr) {
            std::string module = info.dli_fname;
            if (auto slash = module.rfind('/'); slash != std::string::npos) module = module.substr(slash + 1);
            line += " (" + module + ")";
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace poolscope
