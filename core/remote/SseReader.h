#pragma once
// Server-Sent Events framing (the WHATWG "event stream" format), as the
// endpoint's /events stream sends it: "field: value" lines ended by LF, CRLF
// or CR, a blank line ends an event, lines starting with ':' are comments.
// Bytes arrive in chunks cut anywhere (even inside a CRLF or a UTF-8
// sequence); the events read never depend on where the cuts fall.
//
//   SseReader sse(1 << 20);
//   if (!sse.feed(chunk, [](const SseEvent& e) { ... })) /* a line too long */;

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace poolscope {

/// One dispatched event.
struct SseEvent {
    std::string type;  ///< the "event:" field; empty means "message"
    std::string data;  ///< "data:" lines joined with '\n'
    std::string id;    ///< the last "id:" seen on the stream (it persists across events)
    bool operator==(const SseEvent&) const = default;
};

class SseReader {
public:
    /// `maxPendingBytes` bounds what is held between chunks (an unfinished
    /// line plus the fields of an unfinished event).
    explicit SseReader(size_t maxPendingBytes) : maxPending_(maxPendingBytes) {}

    /// Reads `chunk`, calling `onEvent` for each event it completes. Returns
    /// false (and keeps nothing more) when an unfinished line or event would
    /// exceed maxPendingBytes: the stream is not one this reader can follow.
    bool feed(std::string_view chunk, const std::function<void(const SseEvent&)>& onEvent);
    /// Bytes held for the next chunk.
    size_t pendingBytes() const { return line_.size() + event_.type.size() + event_.data.size(); }

private:
    void processLine(std::string_view line, const std::function<void(const SseEvent&)>& onEvent);

    size_t maxPending_;
    std::string line_;         // the unfinished line
    bool afterCr_ = false;     // the previous chunk ended with CR: a LF next is part of it
    bool hasData_ = false;     // a "data" field was seen in this event
    SseEvent event_;
    std::string lastId_;
};

}  // namespace poolscope
