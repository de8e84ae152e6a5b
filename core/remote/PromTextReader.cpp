#include "core/remote/PromTextReader.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

namespace poolscope {

namespace {

bool isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}
bool isNameChar(char c) { return isNameStart(c) || (c >= '0' && c <= '9'); }
bool isLabelStart(char c) { return c != ':' && isNameStart(c); }
bool isLabelChar(char c) { return c != ':' && isNameChar(c); }
bool isBlank(char c) { return c == ' ' || c == '\t'; }

bool equalsNoCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

/// A float as Go's ParseFloat reads it: decimal or exponent form, optional
/// sign, NaN / Inf / +Inf / -Inf in any case.
std::optional<double> parseFloat(std::string_view s) {
    if (s.empty()) return std::nullopt;
    bool negative = false;
    std::string_view body = s;
    if (body[0] == '+' || body[0] == '-') {
        negative = body[0] == '-';
        body.remove_prefix(1);
    }
    if (equalsNoCase(body, "inf") || equalsNoCase(body, "infinity"))
        return negative ? -std::numeric_limits<double>::infinity()
                        : std::numeric_limits<double>::infinity();
    if (equalsNoCase(body, "nan")) return std::numeric_limits<double>::quiet_NaN();
    if (body.empty() || !(std::isdigit(static_cast<unsigned char>(body[0])) || body[0] == '.'))
        return std::nullopt;
    double v = 0;
    auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), v,
                                     std::chars_format::general);
    // Out of range: from_chars leaves v unset; Go returns +-Inf (or 0).
    if (ec == std::errc::result_out_of_range) {
        const bool tiny = body.find_first_of("eE") != std::string_view::npos &&
                          body.find('-', body.find_first_of("eE")) != std::string_view::npos;
        v = tiny ? 0.0 : std::numeric_limits<double>::infinity();
    } else if (ec != std::errc()) {
        return std::nullopt;
    }
    if (end != body.data() + body.size()) return std::nullopt;
    return negative ? -v : v;
}

/// `s` in quotes for a message, cut at 40 bytes. Control bytes and bytes
/// outside ASCII are written as \xNN: a hostile reply's bytes must not reach
/// a terminal, a log or a JSON line as they are (nor half a UTF-8 sequence).
std::string quoted(std::string_view s) {
    constexpr size_t kShown = 40;
    constexpr char kHex[] = "0123456789abcdef";
    std::string out = "'";
    for (unsigned char c : s.substr(0, kShown)) {
        if (c >= 0x20 && c < 0x7f) {
            out.push_back(static_cast<char>(c));
        } else {
            out += "\\x";
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0xf]);
        }
    }
    if (s.size() > kShown) out += "...";
    return out + "'";
}

/// The suffixes a family of each type may add to its name for its samples.
bool typeAllowsSuffix(MetricType type, std::string_view suffix, bool openMetrics) {
    switch (type) {
        case MetricType::Counter:
            return suffix == "_total" || suffix == "_created" || (suffix.empty() && !openMetrics);
        case MetricType::Histogram:
            return suffix == "_bucket" || suffix == "_sum" || suffix == "_count" || suffix == "_created";
        case MetricType::GaugeHistogram:
            return suffix == "_bucket" || suffix == "_gsum" || suffix == "_gcount";
        case MetricType::Summary:
            return suffix.empty() || suffix == "_sum" || suffix == "_count" || suffix == "_created";
        case MetricType::Info: return suffix == "_info";
        default: return suffix.empty();
    }
}

constexpr std::string_view kSuffixes[] = {"_total", "_created", "_bucket", "_sum",
                                          "_count", "_gsum",    "_gcount", "_info"};

}  // namespace

PromTextReader::PromTextReader(bool openMetrics, const PromTextLimits& limits)
    : limits_(limits) {
    out_.openMetrics = openMetrics;
}

Status PromTextReader::line(std::string_view text, size_t number) {
    lineNo_ = number;
    line_ = text;
    pos_ = 0;
    if (text.empty()) return Status::ok();
    if (text[0] == '#') return comment();
    size_t i = 0;
    while (i < text.size() && isBlank(text[i])) ++i;
    if (i == text.size()) return Status::ok();
    return sample(i);
}



Error PromTextReader::fail(const std::string& what) const {
    return Error{"line " + std::to_string(lineNo_) + ": " + what};
}
void PromTextReader::skipBlanks() {
    while (pos_ < line_.size() && isBlank(line_[pos_])) ++pos_;
}
std::string_view PromTextReader::token() {
    const size_t start = pos_;
    while (pos_ < line_.size() && !isBlank(line_[pos_])) ++pos_;
    return line_.substr(start, pos_ - start);
}
std::string_view PromTextReader::metricName() {
    const size_t start = pos_;
    if (pos_ < line_.size() && isNameStart(line_[pos_]))
        while (pos_ < line_.size() && isNameChar(line_[pos_])) ++pos_;
    return line_.substr(start, pos_ - start);
}

size_t PromTextReader::newFamily(std::string_view name) {
    out_.families.push_back(MetricFamily{std::string(name), MetricType::Untyped, {}, {}, {}});
    out_.index_.emplace(std::string(name), out_.families.size() - 1);
    return out_.families.size() - 1;
}
std::optional<size_t> PromTextReader::findFamily(std::string_view name) const {
    if (auto it = out_.index_.find(name); it != out_.index_.end()) return it->second;
    return std::nullopt;
}
/// The family a sample named `name` belongs to (created Untyped if none).
size_t PromTextReader::familyFor(std::string_view name) {
    const auto fits = [&](size_t f) {
        const MetricFamily& fam = out_.families[f];
        if (name.size() < fam.name.size() || name.substr(0, fam.name.size()) != fam.name)
            return false;
        return typeAllowsSuffix(fam.type, name.substr(fam.name.size()), out_.openMetrics);
    };
    if (last_ && fits(*last_)) return *last_;
    if (auto f = findFamily(name); f && fits(*f)) return *f;
    for (std::string_view suffix : kSuffixes) {
        if (name.size() <= suffix.size() || name.substr(name.size() - suffix.size()) != suffix)
            continue;
        if (auto f = findFamily(name.substr(0, name.size() - suffix.size())); f && fits(*f))
            return *f;
    }
    if (auto f = findFamily(name)) {
        // A declared family that does not take a bare sample (an
        // OpenMetrics counter `x` written without `_total`).
        if (out_.families[*f].type != MetricType::Untyped)
            return npos;
        return *f;
    }
    return newFamily(name);
}

Status PromTextReader::comment() {
    pos_ = 1;
    skipBlanks();
    const std::string_view keyword = token();
    const bool om = out_.openMetrics;
    if (keyword == "EOF" && om) {
        skipBlanks();
        if (!atEnd()) return fail("unexpected text after '# EOF'");
        sawEof_ = true;
        return Status::ok();
    }
    if (keyword != "HELP" && keyword != "TYPE" && !(om && keyword == "UNIT"))
        return Status::ok();  // a plain comment
    skipBlanks();
    const std::string_view name = metricName();
    if (name.empty()) return fail("expected a metric name after '# " + std::string(keyword) + "'");
    if (!atEnd() && !isBlank(line_[pos_]))
        return fail("invalid character " + quoted(line_.substr(pos_, 1)) + " in metric name " +
                    quoted(name));
    skipBlanks();
    std::string_view rest = line_.substr(std::min(pos_, line_.size()));
    auto f = findFamily(name);
    if (keyword == "TYPE") {
        while (!rest.empty() && isBlank(rest.back())) rest.remove_suffix(1);
        static constexpr MetricType kTypes[] = {
            MetricType::Counter, MetricType::Gauge,    MetricType::Histogram,
            MetricType::Summary, MetricType::Untyped,  MetricType::Unknown,
            MetricType::StateSet, MetricType::Info,    MetricType::GaugeHistogram};
        std::optional<MetricType> type;
        for (MetricType t : kTypes)
            if (toString(t) == rest) type = t;
        const bool omOnly = type && (*type == MetricType::Unknown || *type == MetricType::StateSet ||
                                     *type == MetricType::Info || *type == MetricType::GaugeHistogram);
        if (!type || (omOnly && !om) || (om && *type == MetricType::Untyped))
            return fail("unknown metric type " + quoted(rest) + " for " + quoted(name) +
                        (om ? " (OpenMetrics: counter, gauge, histogram, gaugehistogram, summary, "
                              "stateset, info, unknown)"
                            : " (0.0.4: counter, gauge, histogram, summary, untyped)"));
        if (!f) f = newFamily(name);
        MetricFamily& fam = out_.families[*f];
        if (typed_.size() <= *f) typed_.resize(*f + 1, false);
        if (typed_[*f]) return fail("second TYPE line for " + quoted(name));
        if (!fam.samples.empty()) return fail("TYPE line for " + quoted(name) + " after its samples");
        typed_[*f] = true;
        fam.type = *type;
        last_ = *f;
        return Status::ok();
    }
    if (!f) f = newFamily(name);
    MetricFamily& fam = out_.families[*f];
    if (keyword == "UNIT") {
        fam.unit = std::string(rest);
        return Status::ok();
    }
    if (helped_.size() <= *f) helped_.resize(*f + 1, false);
    if (helped_[*f]) return fail("second HELP line for " + quoted(name));
    helped_[*f] = true;
    // HELP text escapes: \\ and \n (OpenMetrics also \").
    std::string help;
    help.reserve(rest.size());
    for (size_t i = 0; i < rest.size(); ++i) {
        if (rest[i] != '\\' || i + 1 == rest.size()) {
            help += rest[i];
            continue;
        }
        const char e = rest[++i];
        if (e == 'n') help += '\n';
        else if (e == '\\' || e == '"') help += e;
        else help.append({'\\', e});
    }
    fam.help = std::move(help);
    return Status::ok();
}

/// `{name="value",...}` from pos_ at '{'; pos_ ends after '}'.
Status PromTextReader::labels(std::vector<Label>& out, std::string_view metric) {
    ++pos_;  // '{'
    while (true) {
        skipBlanks();
        if (atEnd()) return fail("expected '}' to close the labels of " + quoted(metric));
        if (line_[pos_] == '}') {
            ++pos_;
            return Status::ok();
        }
        const size_t start = pos_;
        if (!isLabelStart(line_[pos_]))
            return fail("expected a label name or '}' in the labels of " + quoted(metric) +
                        ", got " + quoted(line_.substr(pos_, 1)));
        while (pos_ < line_.size() && isLabelChar(line_[pos_])) ++pos_;
        const std::string_view name = line_.substr(start, pos_ - start);
        skipBlanks();
        if (atEnd() || line_[pos_] != '=')
            return fail("expected '=' after label name " + quoted(name));
        ++pos_;
        skipBlanks();
        if (atEnd() || line_[pos_] != '"')
            return fail("expected '\"' to open the value of label " + quoted(name));
        ++pos_;
        std::string value;
        bool closed = false;
        while (pos_ < line_.size()) {
            const char c = line_[pos_++];
            if (c == '"') {
                closed = true;
                break;
            }
            if (c != '\\') {
                value += c;
                continue;
            }
            if (atEnd()) break;
            const char e = line_[pos_++];
            if (e == '\\' || e == '"') value += e;
            else if (e == 'n') value += '\n';
            else
                return fail("invalid escape '\\" + std::string(1, e) + "' in the value of label " +
                            quoted(name) + " (allowed: \\\\ \\\" \\n)");
        }
        if (!closed) return fail("unterminated value of label " + quoted(name));
        for (const Label& l : out)
            if (l.name == name) return fail("label " + quoted(name) + " appears twice");
        if (out.size() >= limits_.maxLabels)
            return fail("more than " + std::to_string(limits_.maxLabels) + " labels on " +
                        quoted(metric) + " (limit maxLabels)");
        out.push_back(Label{std::string(name), std::move(value)});
        skipBlanks();
        if (!atEnd() && line_[pos_] == ',') {
            ++pos_;
            continue;
        }
        if (!atEnd() && line_[pos_] == '}') continue;
        return fail("expected ',' or '}' after the value of label " + quoted(name));
    }
}

Result<double> PromTextReader::number(std::string_view what) {
    const std::string_view text = token();
    if (text.empty()) return fail("expected " + std::string(what));
    auto v = parseFloat(text);
    if (!v) return fail(quoted(text) + " is not a number (" + std::string(what) + ")");
    return *v;
}

Result<std::optional<int64_t>> PromTextReader::timestamp() {
    skipBlanks();
    if (atEnd() || line_[pos_] == '#') return std::optional<int64_t>();
    const std::string_view text = token();
    if (out_.openMetrics) {
        auto s = parseFloat(text);
        if (!s || !std::isfinite(*s) || std::fabs(*s) > 9e15)
            return fail(quoted(text) + " is not a timestamp (seconds since the epoch)");
        return std::optional<int64_t>(std::llround(*s * 1000.0));
    }
    int64_t ms = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
    if (ec != std::errc() || end != text.data() + text.size())
        return fail(quoted(text) + " is not a timestamp (whole ms since the epoch)");
    return std::optional<int64_t>(ms);
}

Status PromTextReader::sample(size_t start) {
    pos_ = start;
    const std::string_view name = metricName();
    if (name.empty())
        return fail("expected a metric name, got " + quoted(line_.substr(pos_, 1)));
    if (out_.sampleCount >= limits_.maxSeries)
        return fail("more than " + std::to_string(limits_.maxSeries) + " series (limit maxSeries)");
    Sample s;
    s.name = std::string(name);
    if (!atEnd() && line_[pos_] == '{') {
        if (auto st = labels(s.labels, name); !st) return st;
    } else if (!atEnd() && !isBlank(line_[pos_])) {
        return fail("invalid character " + quoted(line_.substr(pos_, 1)) + " in metric name " +
                    quoted(name));
    }
    skipBlanks();
    auto v = number("a value for " + quoted(name));
    if (!v) return v.error();
    s.value = *v;
    auto ts = timestamp();
    if (!ts) return ts.error();
    s.timestampMs = *ts;
    skipBlanks();
    if (!atEnd()) {
        if (line_[pos_] != '#')
            return fail("unexpected " + quoted(line_.substr(pos_)) + " after the sample of " +
                        quoted(name));
        if (!out_.openMetrics)
            return fail("exemplar after " + quoted(name) +
                        " (exemplars are OpenMetrics only; end the text with '# EOF')");
        if (auto st = exemplar(name); !st) return st;
    }
    const size_t f = familyFor(name);
    if (f == npos)
        return fail("sample " + quoted(name) + " does not fit its family's TYPE (" +
                    std::string(toString(out_.families[*findFamily(name)].type)) + ")");
    last_ = f;
    out_.families[f].samples.push_back(std::move(s));
    ++out_.sampleCount;
    return Status::ok();
}

/// ` # {labels} value [timestamp]`, pos_ at '#'.
Status PromTextReader::exemplar(std::string_view metric) {
    ++pos_;
    skipBlanks();
    if (atEnd() || line_[pos_] != '{')
        return fail("expected '{' to open the exemplar of " + quoted(metric));
    std::vector<Label> ignored;
    if (auto st = labels(ignored, metric); !st) return st;
    skipBlanks();
    auto v = number("an exemplar value");
    if (!v) return v.error();
    auto ts = timestamp();
    if (!ts) return ts.error();
    skipBlanks();
    if (!atEnd())
        return fail("unexpected " + quoted(line_.substr(pos_)) + " after the exemplar of " +
                    quoted(metric));
    return Status::ok();
}

}  // namespace poolscope
