#include "core/recording/Deflater.h"

#include <zlib.h>

#include <cassert>

namespace poolscope {

struct Deflater::State {
    z_stream z{};
    bool ok = false;
};

Deflater::Deflater(int level) : state_(std::make_unique<State>()) {
    // windowBits -15: raw DEFLATE, no zlib header or checksum (the row's
    // line_size and the exact-size check on inflate catch damage).
    state_->ok = deflateInit2(&state_->z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK;
}

Deflater::~Deflater() {
    if (state_->ok) deflateEnd(&state_->z);
}

void Deflater::compress(std::string_view input, std::string_view dictionary, std::string& out) {
    z_stream& z = state_->z;
    // deflateInit2 only fails when out of memory; there is nothing to reuse.
    if (!state_->ok) state_->ok = deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK;
    assert(state_->ok);
    deflateReset(&z);
    if (!dictionary.empty()) {
        if (dictionary.size() > 32768) dictionary = dictionary.substr(dictionary.size() - 32768);
        deflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dictionary.data()),
                             static_cast<uInt>(dictionary.size()));
    }
    out.resize(deflateBound(&z, static_cast<uLong>(input.size())));
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    z.avail_in = static_cast<uInt>(input.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    assert(rc == Z_STREAM_END);  // deflateBound guarantees room
    (void)rc;
    out.resize(z.total_out);
}

}  // namespace poolscope
