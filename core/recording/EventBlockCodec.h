#pragma once
// The compact encoding of a run of TransitionEvents (one pool, delivery
// order): about 7 bytes per event before DEFLATE. Part of the .psrec format
// (events.data, codec 0 and, deflated, codec 1); documented in the README.
//
//   varint count
//   count times:
//     zigzag varint  seq    - previous seq     (previous starts at 0)
//     zigzag varint  t_ms   - previous t_ms
//     zigzag varint  mono_ns - previous mono_ns
//     varint         conn
//     byte           from | to << 3 | illegal << 6    (states 0-4)
//     byte           reason (0-16)

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/telemetry/TransitionEvent.h"
#include "core/util/Result.h"

namespace poolscope {

class EventBlockCodec {
public:
    /// Smallest encoding of one event; bounds the count a blob may claim.
    static constexpr size_t kMinEventBytes = 6;

    /// Appends the encoding of `events` to `out`.
    static void encode(std::span<const TransitionEvent> events, std::string& out);
    /// Appends the events encoded in `bytes` to `out`. Untrusted input: any
    /// inconsistency (cut short, a count the bytes cannot hold, a state or
    /// reason out of range, trailing bytes) is an error naming the byte
    /// offset, and `out` is left as it was.
    static Status decode(std::string_view bytes, std::vector<TransitionEvent>& out);

    /// Varint helpers shared with the blob header of codec 1.
    static void putVarint(std::string& out, uint64_t value);
    /// Reads a varint at `pos` (advanced); false when cut short or over 64 bits.
    static bool getVarint(std::string_view bytes, size_t& pos, uint64_t& value);
};

}  // namespace poolscope
