#include "core/util/TokenFile.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace poolscope {

namespace {
constexpr size_t kMaxTokenBytes = 4096;
}

Result<std::string> readTokenFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{"cannot read the token file " + path + ": " + std::strerror(errno)};
    std::string text(kMaxTokenBytes + 2, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxTokenBytes)
        return Error{"the token file " + path + " is longer than 4 KiB; it should hold one token"};
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    size_t b = 0, e = text.size();
    while (b < e && isSpace(text[b])) ++b;
    while (e > b && isSpace(text[e - 1])) --e;
    std::string token = text.substr(b, e - b);
    if (token.empty()) return Error{"the token file " + path + " is empty; write the token in it"};
    for (unsigned char c : token)
        if (c < 0x21 || c == 0x7f)
            return Error{"the token file " + path +
                         " holds more than one word or a control character; it should hold one token"};
    return token;
}

}  // namespace poolscope
