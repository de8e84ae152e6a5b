#include "core/recording/Inflater.h"

#include <zlib.h>

#include "core/recording/RecordingSchema.h"

namespace poolscope {

struct Inflater::State {
    z_stream z{};
    bool ok = false;
};

Inflater::Inflater() : state_(std::make_unique<State>()) {
    state_->ok = inflateInit2(&state_->z, -15) == Z_OK;
}

Inflater::~Inflater() {
    if (state_->ok) inflateEnd(&state_->z);
}

Status Inflater::inflate(std::string_view input, std::string_view dictionary, size_t expectedSize,
                         std::string& out) {
    if (expectedSize > RecordingSchema::kMaxBlobBytes)
        return Status::fail("a stored size of " + std::to_string(expectedSize) +
                            " bytes is beyond the format's limit");
    if (!state_->ok) state_->ok = inflateInit2(&state_->z, -15) == Z_OK;
    if (!state_->ok) return Status::fail("out of memory starting zlib");
    z_stream& z = state_->z;
    inflateReset(&z);
    if (!dictionary.empty()) {
        if (dictionary.size() > 32768) dictionary = dictionary.substr(dictionary.size() - 32768);
        if (inflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dictionary.data()),
                                 static_cast<uInt>(dictionary.size())) != Z_OK)
            return Status::fail("the compressed data does not accept its dictionary");
    }
    // One spare byte tells "more data than announced" from "exactly right".
    out.resize(expectedSize + 1);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    z.avail_in = static_cast<uInt>(input.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = ::inflate(&z, Z_FINISH);
    if (rc != Z_STREAM_END) {
        const char* why = z.msg ? z.msg : (rc == Z_BUF_ERROR ? "data cut short or too long" : "bad data");
        return Status::fail(std::string("compressed data is damaged (") + why + ")");
    }
    if (z.total_out != expectedSize)
        return Status::fail("compressed data inflates to " + std::to_string(z.total_out) +
                            " bytes, not the stored " + std::to_string(expectedSize));
    out.resize(expectedSize);
    return Status::ok();
}

}  // namespace poolscope
