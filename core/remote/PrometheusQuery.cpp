#include "core/remote/PrometheusQuery.h"

#include <algorithm>
#include <cstdio>

namespace poolscope {

std::string PrometheusQuery::selector(const MetricMapping& mapping, std::string_view matchers,
                                      const std::vector<Label>& equal) {
    std::vector<std::string> names = mapping.sampleNames();
    const auto add = [&](std::string name) {
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
    };
    for (const auto* list : {&mapping.detectAll, &mapping.detectAny})
        for (const std::string& d : *list) {
            add(d);
            for (std::string_view suffix : MetricMapping::kDetectSuffixes) add(d + std::string(suffix));
        }
    // Metric names are [a-zA-Z0-9_:] (MetricMapping sanitises them): nothing
    // in them is special to the regular expression.
    std::string alternatives;
    for (const std::string& n : names) alternatives += (alternatives.empty() ? "" : "|") + n;
    std::string out = "{__name__=~" + quote(alternatives);
    if (!matchers.empty()) out += "," + std::string(matchers);
    for (const Label& l : equal) out += "," + l.name + "=" + quote(l.value);
    return out + "}";
}

std::string PrometheusQuery::matchersOf(std::string_view match) {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!match.empty() && blank(match.front())) match.remove_prefix(1);
    while (!match.empty() && blank(match.back())) match.remove_suffix(1);
    if (match.size() >= 2 && match.front() == '{' && match.back() == '}') {
        match = match.substr(1, match.size() - 2);
        while (!match.empty() && blank(match.front())) match.remove_prefix(1);
        while (!match.empty() && blank(match.back())) match.remove_suffix(1);
    }
    return std::string(match);
}

std::string PrometheusQuery::quote(std::string_view value) {
    std::string out = "\"";
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

std::string PrometheusQuery::urlEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (unsigned char c : text) {
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                           c == '-' || c == '.' || c == '_' || c == '~';
        if (plain) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::string PrometheusQuery::seconds(int64_t ms) {
    char buf[32];
    const int64_t whole = ms / 1000, frac = ms % 1000;
    if (frac == 0) std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(whole));
    else std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(whole), static_cast<long long>(frac < 0 ? -frac : frac));
    return buf;
}

std::string PrometheusQuery::instant(std::string_view promql, int64_t timeMs, int64_t timeoutMs) {
    return "query=" + urlEncode(promql) + "&time=" + seconds(timeMs) + "&timeout=" + seconds(timeoutMs);
}

std::string PrometheusQuery::range(std::string_view promql, int64_t fromMs, int64_t toMs, int64_t stepMs,
                                   int64_t timeoutMs) {
    return "query=" + urlEncode(promql) + "&start=" + seconds(fromMs) + "&end=" + seconds(toMs) +
           "&step=" + seconds(stepMs) + "&timeout=" + seconds(timeoutMs);
}

}  // namespace poolscope
