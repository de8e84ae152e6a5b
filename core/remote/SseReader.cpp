#include "core/remote/SseReader.h"

namespace poolscope {

bool SseReader::feed(std::string_view chunk, const std::function<void(const SseEvent&)>& onEvent) {
    size_t i = 0;
    if (afterCr_ && !chunk.empty()) {
        afterCr_ = false;
        if (chunk[0] == '\n') i = 1;  // the LF of a CRLF cut between two chunks
    }
    while (i < chunk.size()) {
        const size_t end = chunk.find_first_of("\r\n", i);
        if (end == std::string_view::npos) {
            line_.append(chunk.substr(i));
            break;
        }
        line_.append(chunk.substr(i, end - i));
        processLine(line_, onEvent);
        line_.clear();
        i = end + 1;
        if (chunk[end] == '\r') {
            if (i == chunk.size()) afterCr_ = true;  // its LF may start the next chunk
            else if (chunk[i] == '\n') ++i;
        }
    }
    if (pendingBytes() > maxPending_) {
        line_.clear();
        event_ = SseEvent{};
        hasData_ = false;
        return false;
    }
    return true;
}

void SseReader::processLine(std::string_view line, const std::function<void(const SseEvent&)>& onEvent) {
    if (line.empty()) {
        // Dispatch: an event with no data field is dropped, as browsers do.
        if (hasData_) {
            event_.id = lastId_;
            onEvent(event_);
        }
        event_ = SseEvent{};
        hasData_ = false;
        return;
    }
    if (line[0] == ':') return;  // a comment (keep-alive)
    const size_t colon = line.find(':');
    const std::string_view field = line.substr(0, colon);
    std::string_view value;
    if (colon != std::string_view::npos) {
        value = line.substr(colon + 1);
        if (!value.empty() && value[0] == ' ') value.remove_prefix(1);
    }
    if (field == "data") {
        if (hasData_) event_.data += '\n';
        event_.data.append(value);
        hasData_ = true;
    } else if (field == "event") {
        event_.type = std::string(value);
    } else if (field == "id") {
        if (value.find('\0') == std::string_view::npos) lastId_ = std::string(value);
    }
    // "retry" and unknown fields are ignored.
}

}  // namespace poolscope
