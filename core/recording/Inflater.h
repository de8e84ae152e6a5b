#pragma once
// Raw DEFLATE (zlib) decompression of untrusted bytes, bounded in size.

#include <memory>
#include <string>
#include <string_view>

#include "core/util/Result.h"

namespace poolscope {

/// Decompresses what Deflater wrote. Not thread-safe: one per thread.
class Inflater {
public:
    Inflater();
    ~Inflater();
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;

    /// Replaces `out` with the inflated `input`, which must come to exactly
    /// `expectedSize` bytes (at most RecordingSchema::kMaxBlobBytes). Any
    /// damage (bad stream, wrong dictionary, other size) is an error saying
    /// what was found; `out` is then unspecified.
    Status inflate(std::string_view input, std::string_view dictionary, size_t expectedSize,
                   std::string& out);

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace poolscope
