#include "core/remote/MetricMapping.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/telemetry/Json.h"

namespace poolscope {

namespace {

constexpr std::string_view kFieldNames[] = {
    "open", "idle", "in_use", "allocating", "waiting", "max_open", "min_idle", "max_idle",
    "acquired", "wait_count", "wait_ms", "timeouts", "created", "destroyed", "closed_max_idle",
    "closed_max_idle_time", "closed_max_lifetime", "connect_errors", "wait_max", "wait_histogram",
    "wait_summary"};
static_assert(std::size(kFieldNames) == kMappedFieldCount);

constexpr std::string_view kKindNames[] = {"gauge", "counter", "histogram", "summary", "max"};

Error at(const std::string& path, const std::string& problem) { return Error{path + ": " + problem}; }

std::string typeError(const std::string& path, std::string_view expected, const Json& got) {
    return path + ": expected " + std::string(expected) + ", got " + std::string(got.typeName());
}

std::string joined(const std::vector<std::string_view>& names) {
    std::string out;
    for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

Status checkKeys(const Json& object, const std::string& path, const std::vector<std::string_view>& known) {
    for (const auto& [key, value] : object.members()) {
        bool found = false;
        for (auto k : known) found |= k == key;
        if (!found)
            return at(path.empty() ? key : path + "." + key, "unknown key (known: " + joined(known) + ")");
    }
    return Status::ok();
}

Result<std::string> readString(const Json& v, const std::string& path, bool nonEmpty = true) {
    if (!v.isString()) return Error{typeError(path, "a string", v)};
    std::string s(*v.asString());
    if (nonEmpty && s.empty()) return at(path, "must not be empty");
    return s;
}

/// A string or an array of strings (non-empty), each passed through `fix`.
Result<std::vector<std::string>> readNames(const Json& v, const std::string& path, bool label) {
    std::vector<std::string> out;
    if (v.isString()) {
        auto s = readString(v, path);
        if (!s) return s.error();
        out.push_back(sanitizeMetricName(*s, label));
        return out;
    }
    if (!v.isArray()) return Error{typeError(path, "a string or an array of strings", v)};
    if (v.size() == 0) return at(path, "must not be empty");
    for (size_t i = 0; i < v.size(); ++i) {
        auto s = readString(v[i], path + "[" + std::to_string(i) + "]");
        if (!s) return s.error();
        out.push_back(sanitizeMetricName(*s, label));
    }
    return out;
}

Result<MappedField> readField(const Json& v, const std::string& path) {
    auto s = readString(v, path);
    if (!s) return s.error();
    auto f = parseMappedField(*s);
    if (!f) {
        std::vector<std::string_view> names(std::begin(kFieldNames), std::end(kFieldNames));
        return at(path, "unknown field '" + *s + "' (known: " + joined(names) + ", pending)");
    }
    return *f;
}

bool isTime(MappedField f) {
    return f == MappedField::WaitMs || f == MappedField::WaitMax || f == MappedField::WaitHistogram ||
           f == MappedField::WaitSummary;
}

/// The kind each field must be read as.
RuleKind kindFor(MappedField f) {
    if (f <= MappedField::MaxIdle) return RuleKind::Gauge;
    if (f <= MappedField::ConnectErrors) return RuleKind::Counter;
    if (f == MappedField::WaitMax) return RuleKind::Max;
    return f == MappedField::WaitHistogram ? RuleKind::Histogram : RuleKind::Summary;
}

Result<MappingRule> readRule(const Json& v, const std::string& path) {
    if (!v.isObject()) return Error{typeError(path, "an object", v)};
    if (auto s = checkKeys(v, path, {"field", "metric", "labels", "kind", "unit", "comment"}); !s)
        return s.error();
    for (const char* required : {"field", "metric", "kind"})
        if (!v.find(required)) return at(path + "." + required, "missing");
    MappingRule rule;
    auto field = readField(v["field"], path + ".field");
    if (!field) return field.error();
    rule.field = *field;
    auto metrics = readNames(v["metric"], path + ".metric", false);
    if (!metrics) return metrics.error();
    rule.metrics = std::move(*metrics);
    auto kind = readString(v["kind"], path + ".kind");
    if (!kind) return kind.error();
    bool known = false;
    for (size_t i = 0; i < std::size(kKindNames); ++i)
        if (kKindNames[i] == *kind) {
            rule.kind = static_cast<RuleKind>(i);
            known = true;
        }
    if (!known) return at(path + ".kind", "'" + *kind + "' is not one of gauge, counter, histogram, summary, max");
    if (rule.kind != kindFor(rule.field))
        return at(path + ".kind", "field '" + std::string(toString(rule.field)) + "' is read as " +
                                      std::string(toString(kindFor(rule.field))) + ", not " + *kind);
    if (const Json* labels = v.find("labels")) {
        if (!labels->isObject()) return Error{typeError(path + ".labels", "an object", *labels)};
        for (const auto& [name, value] : labels->members()) {
            auto s = readString(value, path + ".labels." + name, false);
            if (!s) return s.error();
            rule.labels.push_back({sanitizeMetricName(name, true), *s});
        }
    }
    if (const Json* unit = v.find("unit")) {
        if (!isTime(rule.field))
            return at(path + ".unit", "only time fields (wait_ms, wait_max, wait_histogram, wait_summary) take a unit");
        auto u = readString(*unit, path + ".unit");
        if (!u) return u.error();
        if (*u == "ns") rule.scale = 1e-6;
        else if (*u == "us") rule.scale = 1e-3;
        else if (*u == "ms") rule.scale = 1;
        else if (*u == "s") rule.scale = 1e3;
        else return at(path + ".unit", "'" + *u + "' is not one of ns, us, ms, s");
    } else if (isTime(rule.field)) {
        return at(path + ".unit", "missing: field '" + std::string(toString(rule.field)) +
                                      "' is a time; say its unit (ns, us, ms or s)");
    }
    return rule;
}

Status readDerive(const Json& v, MetricMapping& m) {
    if (!v.isObject()) return Error{typeError("derive", "an object", v)};
    for (const auto& [name, inputs] : v.members()) {
        const std::string path = "derive." + name;
        auto field = parseMappedField(name);
        if (!field || kindFor(*field) != RuleKind::Gauge)
            return at(path, "only counts and config fields can be derived (open, idle, in_use, ...)");
        if (!inputs.isArray() || inputs.size() < 2)
            return at(path, "expected an array of at least two fields to add up");
        DeriveRule d{*field, {}};
        for (size_t i = 0; i < inputs.size(); ++i) {
            auto in = readField(inputs[i], path + "[" + std::to_string(i) + "]");
            if (!in) return in.error();
            if (kindFor(*in) != RuleKind::Gauge || *in == *field)
                return at(path + "[" + std::to_string(i) + "]", "inputs must be other counts or config fields");
            d.inputs.push_back(*in);
        }
        m.derive.push_back(std::move(d));
    }
    return Status::ok();
}

Status readTopLevel(const std::string& key, const Json& item, MetricMapping& m) {
    if (key == "schema") {
        if (!item.isInteger() || item.asInt64() != MetricMapping::kSchema)
            return at("schema", "this PoolScope reads schema " + std::to_string(MetricMapping::kSchema));
    } else if (key == "name" || key == "description" || key == "default_pool") {
        auto s = readString(item, key, key != "description");
        if (!s) return s.error();
        (key == "name" ? m.name : key == "description" ? m.description : m.defaultPool) = *s;
    } else if (key == "detect") {
        if (!item.isObject()) return Error{typeError("detect", "an object", item)};
        if (auto s = checkKeys(item, "detect", {"all", "any"}); !s) return s;
        for (const auto& [k, names] : item.members()) {
            auto n = readNames(names, "detect." + k, false);
            if (!n) return n.error();
            (k == "all" ? m.detectAll : m.detectAny) = std::move(*n);
        }
    } else if (key == "pool_labels") {
        if (!item.isArray()) return Error{typeError("pool_labels", "an array", item)};
        m.poolLabels.clear();
        for (size_t i = 0; i < item.size(); ++i) {
            auto n = readNames(item[i], "pool_labels[" + std::to_string(i) + "]", true);
            if (!n) return n.error();
            m.poolLabels.push_back(std::move(*n));
        }
    } else if (key == "instance_labels") {
        if (!item.isArray()) return Error{typeError("instance_labels", "an array", item)};
        m.instanceLabels.clear();
        for (size_t i = 0; i < item.size(); ++i) {
            auto s = readString(item[i], "instance_labels[" + std::to_string(i) + "]");
            if (!s) return s.error();
            m.instanceLabels.push_back(sanitizeMetricName(*s, true));
        }
    } else if (key == "rules") {
        if (!item.isArray()) return Error{typeError("rules", "an array", item)};
        for (size_t i = 0; i < item.size(); ++i) {
            auto r = readRule(item[i], "rules[" + std::to_string(i) + "]");
            if (!r) return r.error();
            m.rules.push_back(std::move(*r));
        }
    } else if (key == "derive") {
        return readDerive(item, m);
    } else if (key == "wait_mean") {
        if (!item.isObject()) return Error{typeError("wait_mean", "an object", item)};
        if (auto s = checkKeys(item, "wait_mean", {"count"}); !s) return s;
        if (const Json* c = item.find("count")) {
            auto f = readField(*c, "wait_mean.count");
            if (!f) return f.error();
            if (*f != MappedField::WaitCount && *f != MappedField::Acquired)
                return at("wait_mean.count", "must be wait_count or acquired");
            m.meanCount = *f;
        }
    }
    return Status::ok();
}

bool hasMetric(const Exposition& e, const std::string& name) {
    if (e.family(name)) return true;
    for (std::string_view suffix : {"_total", "_bucket", "_count", "_sum", "_info"}) {
        if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
            continue;
        if (const MetricFamily* f = e.family(name.substr(0, name.size() - suffix.size())))
            for (const Sample& s : f->samples)
                if (s.name == name) return true;
    }
    return false;
}

}  // namespace

std::string_view toString(MappedField field) {
    const auto i = static_cast<size_t>(field);
    return i < std::size(kFieldNames) ? kFieldNames[i] : "?";
}

std::optional<MappedField> parseMappedField(std::string_view name) {
    if (name == "pending") return MappedField::Waiting;
    for (size_t i = 0; i < std::size(kFieldNames); ++i)
        if (kFieldNames[i] == name) return static_cast<MappedField>(i);
    return std::nullopt;
}

std::string_view toString(RuleKind kind) { return kKindNames[static_cast<size_t>(kind)]; }

std::string sanitizeMetricName(std::string_view name, bool label) {
    std::string out(name);
    for (size_t i = 0; i < out.size(); ++i) {
        const char c = out[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                        (c >= '0' && c <= '9' && i > 0) || (c == ':' && !label);
        if (!ok) out[i] = '_';
    }
    return out;
}

Result<MetricMapping> MetricMapping::parse(std::string_view json) {
    auto doc = Json::parse(json, JsonLimits{.uniqueKeys = true});
    if (!doc) return doc.error();
    const Json& root = *doc;
    if (!root.isObject())
        return Error{"expected an object at the top level, got " + std::string(root.typeName())};
    if (auto s = checkKeys(root, "", {"schema", "name", "description", "detect", "pool_labels",
                                      "instance_labels", "default_pool", "rules", "derive",
                                      "wait_mean", "comment"});
        !s)
        return s.error();
    for (const char* required : {"schema", "name", "detect", "rules"})
        if (!root.find(required)) return at(required, "missing");
    MetricMapping m;
    for (const auto& [key, item] : root.members())
        if (auto s = readTopLevel(key, item, m); !s) return s.error();
    if (m.detectAll.empty() && m.detectAny.empty())
        return at("detect", "name at least one metric in \"all\" or \"any\"");
    if (m.rules.empty()) return at("rules", "must not be empty");
    return m;
}

Result<MetricMapping> MetricMapping::load(const std::string& path) {
    const std::string prefix = "mapping file '" + path + "': ";
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{prefix + "cannot be opened (missing or unreadable)"};
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return Error{prefix + "read failed"};
    auto m = parse(text.str());
    if (!m) return Error{prefix + m.message()};
    return m;
}

namespace {

/// detectAll all present and, when detectAny is not empty, one of it.
template <class Has>
bool detectWith(const MetricMapping& m, const Has& has) {
    for (const auto& name : m.detectAll)
        if (!has(name)) return false;
    if (m.detectAny.empty()) return true;
    for (const auto& name : m.detectAny)
        if (has(name)) return true;
    return false;
}

}  // namespace

bool MetricMapping::detect(const Exposition& scrape) const {
    return detectWith(*this, [&](const std::string& name) { return hasMetric(scrape, name); });
}

bool MetricMapping::detect(const std::set<std::string, std::less<>>& sampleNames) const {
    return detectWith(*this, [&](const std::string& name) {
        if (sampleNames.contains(name)) return true;
        for (std::string_view suffix : kDetectSuffixes)
            if (sampleNames.contains(name + std::string(suffix))) return true;
        return false;
    });
}

std::vector<std::string> MetricMapping::sampleNames() const {
    std::vector<std::string> out;
    for (const MappingRule& r : rules)
        for (const std::string& metric : r.metrics) {
            std::string name = r.kind == RuleKind::Histogram ? metric + "_bucket" : metric;
            if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
        }
    return out;
}

}  // namespace poolscope
