#include "core/recording/EventBlockCodec.h"

namespace poolscope {

namespace {

constexpr int kReasonCount = static_cast<int>(Reason::IllegalAttempt) + 1;

uint64_t zigzag(int64_t v) {
    return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}

int64_t unzigzag(uint64_t v) { return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1)); }

/// Wrapping difference: any two int64 values, no overflow.
int64_t delta(uint64_t now, uint64_t prev) { return static_cast<int64_t>(now - prev); }

}  // namespace

void EventBlockCodec::putVarint(std::string& out, uint64_t value) {
    while (value >= 0x80) {
        out.push_back(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.push_back(static_cast<char>(value));
}

bool EventBlockCodec::getVarint(std::string_view bytes, size_t& pos, uint64_t& value) {
    value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= bytes.size()) return false;
        const auto b = static_cast<uint8_t>(bytes[pos++]);
        if (shift == 63 && b > 1) return false;  // beyond 64 bits
        value |= static_cast<uint64_t>(b & 0x7f) << shift;
        if (!(b & 0x80)) return true;
    }
    return false;
}

void EventBlockCodec::encode(std::span<const TransitionEvent> events, std::string& out) {
    putVarint(out, events.size());
    uint64_t seq = 0, t = 0, mono = 0;
    for (const auto& e : events) {
        putVarint(out, zigzag(delta(e.seq, seq)));
        putVarint(out, zigzag(delta(static_cast<uint64_t>(e.tMs), t)));
        putVarint(out, zigzag(delta(static_cast<uint64_t>(e.monoNs), mono)));
        putVarint(out, e.conn);
        out.push_back(static_cast<char>(static_cast<unsigned>(e.from) |
                                        static_cast<unsigned>(e.to) << 3 |
                                        (e.illegal ? 1u : 0u) << 6));
        out.push_back(static_cast<char>(e.reason));
        seq = e.seq;
        t = static_cast<uint64_t>(e.tMs);
        mono = static_cast<uint64_t>(e.monoNs);
    }
}

Status EventBlockCodec::decode(std::string_view bytes, std::vector<TransitionEvent>& out) {
    size_t pos = 0;
    uint64_t count = 0;
    const auto bad = [&](const char* what) {
        return Status::fail(std::string("event data is damaged: ") + what + " at byte " +
                            std::to_string(pos));
    };
    if (!getVarint(bytes, pos, count)) return bad("the event count is cut short");
    if (count > (bytes.size() - pos) / kMinEventBytes)
        return bad(("it claims " + std::to_string(count) + " events, more than its bytes can hold")
                       .c_str());
    const size_t before = out.size();
    out.reserve(before + count);
    uint64_t seq = 0, t = 0, mono = 0;
    for (uint64_t i = 0; i < count; ++i) {
        uint64_t dSeq, dT, dMono, conn;
        if (!getVarint(bytes, pos, dSeq) || !getVarint(bytes, pos, dT) ||
            !getVarint(bytes, pos, dMono) || !getVarint(bytes, pos, conn) || pos + 2 > bytes.size()) {
            out.resize(before);
            return bad("an event is cut short");
        }
        const auto states = static_cast<uint8_t>(bytes[pos]);
        const auto reason = static_cast<uint8_t>(bytes[pos + 1]);
        const unsigned from = states & 7u, to = (states >> 3) & 7u;
        if (from >= kConnStateCount || to >= kConnStateCount || (states & 0x80) ||
            reason >= kReasonCount) {
            out.resize(before);
            return bad("a state or reason is out of range");
        }
        pos += 2;
        seq += static_cast<uint64_t>(unzigzag(dSeq));
        t += static_cast<uint64_t>(unzigzag(dT));
        mono += static_cast<uint64_t>(unzigzag(dMono));
        TransitionEvent e;
        e.seq = seq;
        e.tMs = static_cast<int64_t>(t);
        e.monoNs = static_cast<int64_t>(mono);
        e.conn = conn;
        e.from = static_cast<ConnState>(from);
        e.to = static_cast<ConnState>(to);
        e.illegal = (states >> 6) & 1u;
        e.reason = static_cast<Reason>(reason);
        out.push_back(e);
    }
    if (pos != bytes.size()) {
        out.resize(before);
        return bad("bytes follow the last event");
    }
    return Status::ok();
}

}  // namespace poolscope
