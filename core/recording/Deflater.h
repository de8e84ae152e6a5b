#pragma once
// Raw DEFLATE (zlib) compression with an optional preset dictionary, reusing
// one compressor state for many small inputs.

#include <memory>
#include <string>
#include <string_view>

namespace poolscope {

/// Compresses independent inputs. Not thread-safe: one per thread.
class Deflater {
public:
    /// `level` 1 (fast) to 9 (small); zlib's default is 6.
    explicit Deflater(int level = 6);
    ~Deflater();
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    /// Replaces `out` with the raw DEFLATE stream of `input`. With a
    /// `dictionary` (its last 32 KiB count), inputs that repeat it compress
    /// to a few bytes; Inflater needs the same dictionary back.
    void compress(std::string_view input, std::string_view dictionary, std::string& out);

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace poolscope
