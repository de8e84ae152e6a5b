#include "core/remote/PromTextParser.h"

#include "core/remote/PromTextReader.h"

#include <cstring>
#include <string>

namespace poolscope {

PromTextParser::Format PromTextParser::formatFromContentType(std::string_view contentType) {
    if (contentType.find("application/openmetrics-text") != std::string_view::npos)
        return Format::OpenMetrics;
    if (contentType.find("text/plain") != std::string_view::npos) return Format::Prometheus;
    return Format::Auto;
}

Result<Exposition> PromTextParser::parse(std::string_view text, Format format,
                                         const PromTextLimits& limits) {
    if (text.size() > limits.maxBytes)
        return Error{"the text is " + std::to_string(text.size()) + " bytes, above maxBytes (" +
                     std::to_string(limits.maxBytes) + ")"};
    if (format == Format::Auto) {
        std::string_view tail = text;
        while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r')) tail.remove_suffix(1);
        const size_t nl = tail.rfind('\n');
        const std::string_view lastLine = nl == std::string_view::npos ? tail : tail.substr(nl + 1);
        format = lastLine == "# EOF" ? Format::OpenMetrics : Format::Prometheus;
    }
    PromTextReader run(format == Format::OpenMetrics, limits);
    size_t lineNo = 0;
    size_t pos = 0;
    while (pos < text.size()) {
        ++lineNo;
        const char* nl = static_cast<const char*>(std::memchr(text.data() + pos, '\n', text.size() - pos));
        const size_t end = nl ? static_cast<size_t>(nl - text.data()) : text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.size() > limits.maxLineLength)
            return Error{"line " + std::to_string(lineNo) + ": " + std::to_string(line.size()) +
                         " bytes long, above maxLineLength (" + std::to_string(limits.maxLineLength) + ")"};
        if (run.sawEof()) {
            if (line.empty() && pos >= text.size()) break;
            return Error{"line " + std::to_string(lineNo) + ": text after '# EOF'"};
        }
        if (auto st = run.line(line, lineNo); !st) return st.error();
    }
    if (format == Format::OpenMetrics && !run.sawEof())
        return Error{"line " + std::to_string(lineNo) + ": OpenMetrics text must end with '# EOF'"};
    return run.take();
}

}  // namespace poolscope
