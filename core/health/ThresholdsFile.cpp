#include "core/health/ThresholdsFile.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/telemetry/Json.h"
#include "core/telemetry/JsonWriter.h"

namespace poolscope {

namespace {

/// Errors carry the key path of the offending value.
Error at(const std::string& path, const std::string& problem) { return Error{path + ": " + problem}; }

std::string joinKeys(std::initializer_list<std::string_view> keys) {
    std::string out;
    for (auto k : keys) out += (out.empty() ? "" : ", ") + std::string(k);
    return out;
}

/// Refuses members of `object` not in `known`.
Status checkKeys(const Json& object, const std::string& path,
                 std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : object.members()) {
        bool found = false;
        for (auto k : known) found |= k == key;
        if (!found)
            return at(path.empty() ? key : path + "." + key,
                      "unknown key (known: " + joinKeys(known) + ")");
    }
    return Status::ok();
}

Result<int64_t> readDuration(const Json& v, const std::string& path, int64_t min) {
    if (!v.isInteger())
        return at(path, std::string("expected a whole number of milliseconds, got ") +
                            (v.isNumber() ? "a fraction" : std::string(v.typeName())));
    const double d = *v.asDouble();
    if (d < static_cast<double>(min) || d > static_cast<double>(ThresholdsFile::kMaxDurationMs))
        return at(path, "must be between " + std::to_string(min) + " and " +
                            std::to_string(ThresholdsFile::kMaxDurationMs) + " ms (one day)");
    return static_cast<int64_t>(d);
}

/// For messages: 60 -> "60", 0.5 -> "0.5".
std::string number(double d) {
    if (d == std::trunc(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<int64_t>(d));
    std::string s;
    JsonWriter::appendDouble(s, d);
    return s;
}

Status readRule(const Json& v, const std::string& path, RuleId id, RuleSettings& r) {
    if (!v.isObject()) return at(path, std::string("expected an object, got ") + std::string(v.typeName()));
    if (ruleInfo(id).windowed) {
        if (auto s = checkKeys(v, path, {"enabled", "info", "warning", "danger", "for_ms", "clear_for_ms",
                                         "clear_ratio", "window_ms"});
            !s)
            return s;
    } else if (auto s = checkKeys(v, path, {"enabled", "info", "warning", "danger", "for_ms",
                                            "clear_for_ms", "clear_ratio"});
               !s) {
        return s;
    }
    for (const auto& [key, item] : v.members()) {
        const std::string p = path + "." + key;
        if (key == "enabled") {
            if (!item.isBool()) return at(p, "expected true or false, got " + std::string(item.typeName()));
            r.enabled = *item.asBool();
        } else if (key == "info" || key == "warning" || key == "danger") {
            std::optional<double>& t = key == "info" ? r.info : key == "warning" ? r.warning : r.danger;
            if (item.isNull()) {
                t.reset();
                continue;
            }
            if (!item.isNumber())
                return at(p, "expected a number or null, got " + std::string(item.typeName()));
            const double d = *item.asDouble();
            if (d < 0) return at(p, "must not be negative, got " + number(d));
            t = d;
        } else if (key == "for_ms" || key == "clear_for_ms" || key == "window_ms") {
            auto ms = readDuration(item, p, key == "window_ms" ? 1 : 0);
            if (!ms) return ms.error();
            (key == "for_ms" ? r.forMs : key == "clear_for_ms" ? r.clearForMs : r.windowMs) = *ms;
        } else {  // clear_ratio
            if (!item.isNumber()) return at(p, "expected a number, got " + std::string(item.typeName()));
            const double ratio = *item.asDouble();
            if (!(ratio > 0 && ratio <= 1))
                return at(p, "must be above 0 and at most 1 (1 = no hysteresis), got " + number(ratio));
            r.clearRatio = ratio;
        }
    }
    // Grades must be in order so a higher value never means a lower grade.
    const std::pair<const char*, std::optional<double>> order[] = {
        {"info", r.info}, {"warning", r.warning}, {"danger", r.danger}};
    for (size_t i = 0; i < 3; ++i)
        for (size_t j = i + 1; j < 3; ++j)
            if (order[i].second && order[j].second && *order[i].second > *order[j].second)
                return at(path, std::string(order[i].first) + " (" + number(*order[i].second) +
                                    ") must not be above " + order[j].first + " (" +
                                    number(*order[j].second) + ")");
    if (r.enabled && !r.info && !r.warning && !r.danger)
        return at(path, "no threshold is set; set info, warning or danger, or \"enabled\": false");
    return Status::ok();
}

Status readRules(const Json& v, Thresholds& t) {
    if (!v.isObject()) return at("rules", "expected an object, got " + std::string(v.typeName()));
    for (const auto& [name, item] : v.members()) {
        auto id = parseRuleId(name);
        if (!id) {
            std::string known;
            for (const auto& r : ruleTable()) known += (known.empty() ? "" : ", ") + std::string(r.name);
            return at("rules." + name, "unknown rule (known: " + known + ")");
        }
        if (auto s = readRule(item, "rules." + name, *id, t.rule(*id)); !s) return s;
    }
    return Status::ok();
}

Status readLeakGuard(const Json& v, LeakGuardSettings& g) {
    const std::string path = "guards.leak";
    if (!v.isObject()) return at(path, "expected an object, got " + std::string(v.typeName()));
    if (auto s = checkKeys(v, path, {"action", "reports", "window_ms", "shrink_to_pct"}); !s) return s;
    for (const auto& [key, item] : v.members()) {
        const std::string p = path + "." + key;
        if (key == "action") {
            if (!item.isString()) return at(p, "expected a string, got " + std::string(item.typeName()));
            const std::string a(*item.asString());
            if (a == "off") g.action = LeakGuardSettings::Action::Off;
            else if (a == "shrink") g.action = LeakGuardSettings::Action::Shrink;
            else if (a == "suspend") g.action = LeakGuardSettings::Action::Suspend;
            else return at(p, "'" + a + "' is not one of off, shrink, suspend");
        } else if (key == "window_ms") {
            auto ms = readDuration(item, p, 1);
            if (!ms) return ms.error();
            g.windowMs = *ms;
        } else {
            const bool pct = key == "shrink_to_pct";
            const int64_t max = pct ? 100 : 1'000'000;
            const double d = item.asDouble().value_or(0);
            if (!item.isInteger() || d < 1 || d > static_cast<double>(max))
                return at(p, "expected a whole number from 1 to " + std::to_string(max) + ", got " +
                                 (item.isNumber() ? number(d) : std::string(item.typeName())));
            (pct ? g.shrinkToPct : g.reports) = static_cast<int64_t>(d);
        }
    }
    return Status::ok();
}

}  // namespace

Result<Thresholds> ThresholdsFile::parse(std::string_view json) {
    // A key written twice in a file a person edits is a mistake: refuse it.
    auto doc = Json::parse(json, JsonLimits{.uniqueKeys = true});
    if (!doc) return doc.error();
    const Json& root = *doc;
    if (!root.isObject())
        return Error{"expected an object at the top level, got " + std::string(root.typeName())};
    if (auto s = checkKeys(root, "", {"schema", "comment", "rules", "guards"}); !s) return s.error();
    Thresholds t = Thresholds::defaults();
    for (const auto& [key, item] : root.members()) {
        if (key == "schema") {
            if (!item.isInteger() || item.asDouble() != kSchema)
                return at("schema", "this PoolScope reads schema " + std::to_string(kSchema) +
                                        "; got " + (item.isNumber() ? number(*item.asDouble()) : std::string(item.typeName())));
        } else if (key == "comment") {
            if (!item.isString()) return at("comment", "expected a string, got " + std::string(item.typeName()));
        } else if (key == "rules") {
            if (auto s = readRules(item, t); !s) return s.error();
        } else {  // guards
            if (!item.isObject()) return at("guards", "expected an object, got " + std::string(item.typeName()));
            if (auto s = checkKeys(item, "guards", {"leak"}); !s) return s.error();
            if (const Json* leak = item.find("leak"))
                if (auto s = readLeakGuard(*leak, t.leakGuard); !s) return s.error();
        }
    }
    return t;
}

Result<Thresholds> ThresholdsFile::load(const std::string& path) {
    const std::string prefix = "thresholds file '" + path + "': ";
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{prefix + "cannot be opened (missing or unreadable)"};
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return Error{prefix + "read failed"};
    auto t = parse(text.str());
    if (!t) return Error{prefix + t.message()};
    return t;
}

std::string ThresholdsFile::toJson(const Thresholds& t) {
    const auto threshold = [](JsonWriter& w, const char* key, std::optional<double> v) {
        w.key(key);
        if (v) w.value(*v);
        else w.null();
    };
    std::string out = "{\n  \"schema\": " + std::to_string(kSchema) + ",\n  \"rules\": {\n";
    for (size_t i = 0; i < kRuleCount; ++i) {
        const RuleInfo& info = ruleTable()[i];
        const RuleSettings& r = t.rules[i];
        JsonWriter w;
        w.beginObject();
        w.key("enabled").value(r.enabled);
        threshold(w, "info", r.info);
        threshold(w, "warning", r.warning);
        threshold(w, "danger", r.danger);
        w.key("for_ms").value(r.forMs);
        w.key("clear_for_ms").value(r.clearForMs);
        w.key("clear_ratio").value(r.clearRatio);
        if (info.windowed) w.key("window_ms").value(r.windowMs);
        w.endObject();
        JsonWriter::appendString(out.append("    "), info.name);
        out += ": " + w.take() + (i + 1 < kRuleCount ? ",\n" : "\n");
    }
    JsonWriter g;
    g.beginObject();
    g.key("action").value(toString(t.leakGuard.action));
    g.key("reports").value(t.leakGuard.reports);
    g.key("window_ms").value(t.leakGuard.windowMs);
    g.key("shrink_to_pct").value(t.leakGuard.shrinkToPct);
    g.endObject();
    out += "  },\n  \"guards\": {\n    \"leak\": " + g.take() + "\n  }\n}\n";
    return out;
}

}  // namespace poolscope
