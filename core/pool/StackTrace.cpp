#include "core/pool/StackTrace.h"

#include <cxxabi.h>
#include <dlfcn.h>
#include <execinfo.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#ifdef POOLSCOPE_HAVE_LIBBACKTRACE
#include <backtrace.h>
#endif

#ifndef POOLSCOPE_SOURCE_DIR
#define POOLSCOPE_SOURCE_DIR ""
#endif

namespace poolscope {

int StackTrace::capture(void** frames, int max, int skip) {
    constexpr int kLimit = 64;
    void* buf[kLimit];
    const int n = backtrace(buf, kLimit);
    int out = 0;
    for (int i = skip; i < n && out < max; ++i) frames[out++] = buf[i];
    return out;
}

namespace {

/// One resolved frame; an address with inlined calls gives several.
struct Frame {
    std::string function;  ///< demangled; empty when unknown
    std::string file;      ///< relative to the source tree when inside it; empty when unknown
    int line = 0;
};

std::string demangle(const char* name) {
    if (name == nullptr) return {};
    int status = 0;
    std::unique_ptr<char, decltype(&std::free)> out(abi::__cxa_demangle(name, nullptr, nullptr, &status),
                                                     &std::free);
    return status == 0 && out ? std::string(out.get()) : std::string(name);
}

std::string treeRelative(const char* file) {
    std::string_view f(file);
    constexpr std::string_view root(POOLSCOPE_SOURCE_DIR);
    if (!root.empty() && f.starts_with(root)) f.remove_prefix(root.size());
    return std::string(f);
}

/// PoolScope's own acquire code, left out at the innermost end of a stack.
bool isOwnAcquireFrame(const Frame& f) {
    if (!f.file.empty()) return f.file.starts_with("core/pool/");
    return f.function.starts_with("poolscope::Pool::") || f.function.starts_with("poolscope::StackTrace::");
}

/// "module+0xoff" for `pc` (dladdr), or the bare address when no module is known.
std::string moduleOffset(uintptr_t pc, std::string* symbol) {
    Dl_info info{};
    char buf[64];
    if (dladdr(reinterpret_cast<void*>(pc), &info) == 0 || info.dli_fname == nullptr) {
        std::snprintf(buf, sizeof buf, "0x%zx", static_cast<size_t>(pc));
        return buf;
    }
    if (symbol != nullptr && symbol->empty() && info.dli_sname != nullptr) *symbol = demangle(info.dli_sname);
    std::string module = info.dli_fname;
    if (auto slash = module.rfind('/'); slash != std::string::npos) module.erase(0, slash + 1);
    std::snprintf(buf, sizeof buf, "+0x%zx", static_cast<size_t>(pc - reinterpret_cast<uintptr_t>(info.dli_fbase)));
    return module + buf;
}

#ifdef POOLSCOPE_HAVE_LIBBACKTRACE
// Errors (no debug info, unreadable executable) only mean less detail: the
// frame falls back to module+offset.
void ignoreError(void*, const char*, int) {}

backtrace_state* sharedState() {
    // Once per process, threaded: backtrace_pcinfo may run on several threads.
    // The state reads the executable and loaded modules lazily, on first use.
    static backtrace_state* const state = backtrace_create_state(nullptr, 1, ignoreError, nullptr);
    return state;
}

int onPcInfo(void* data, uintptr_t, const char* file, int line, const char* function) {
    if (file == nullptr && function == nullptr) return 0;
    static_cast<std::vector<Frame>*>(data)->push_back(
        Frame{demangle(function), file != nullptr ? treeRelative(file) : std::string(), line});
    return 0;
}

void onSymInfo(void* data, uintptr_t, const char* symbol, uintptr_t, uintptr_t) {
    if (symbol != nullptr) *static_cast<std::string*>(data) = demangle(symbol);
}
#endif

/// Innermost first: inlined calls, then the function that contains `pc`.
std::vector<Frame> resolve(uintptr_t pc) {
    std::vector<Frame> frames;
#ifdef POOLSCOPE_HAVE_LIBBACKTRACE
    if (backtrace_state* state = sharedState()) {
        backtrace_pcinfo(state, pc, onPcInfo, ignoreError, &frames);
        // Debug info names functions of internal linkage (anonymous
        // namespaces) without their scope or parameters; the symbol table
        // has the full name of the function containing pc, the last frame.
        std::string symbol;
        backtrace_syminfo(state, pc, onSymInfo, ignoreError, &symbol);
        if (!symbol.empty()) {
            if (frames.empty()) frames.emplace_back();
            frames.back().function = std::move(symbol);
        }
    }
#endif
    if (frames.empty()) frames.emplace_back();
    return frames;
}

}  // namespace

std::vector<std::string> StackTrace::symbolize(void* const* frames, int count) {
    std::vector<std::string> lines;
    lines.reserve(static_cast<size_t>(count));
    bool leading = true;
    for (int i = 0; i < count; ++i) {
        // A captured address is where the call returns to; one byte back is
        // inside the call, whose line and inline chain are the ones wanted.
        const uintptr_t pc = reinterpret_cast<uintptr_t>(frames[i]) - 1;
        for (Frame& f : resolve(pc)) {
            const std::string where = f.file.empty() ? moduleOffset(pc, &f.function) : std::string();
            if (leading && isOwnAcquireFrame(f)) continue;
            leading = false;
            if (!f.file.empty()) {
                lines.push_back((f.function.empty() ? "??" : f.function) + " at " + f.file + ":" +
                                std::to_string(f.line));
            } else {
                lines.push_back(f.function.empty() ? where : f.function + " (" + where + ")");
            }
        }
    }
    return lines;
}

}  // namespace poolscope
