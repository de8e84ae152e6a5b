#include "core/remote/PrometheusReply.h"

#include <cmath>
#include <cstdlib>

#include "core/telemetry/Json.h"

namespace poolscope {

namespace {

/// Answers hold tens of values per series; a fleet's answer holds millions.
/// The reply cap of the fetch bounds the text, this bounds the parse.
constexpr JsonLimits kLimits{.maxDepth = 16, .maxValues = 50'000'000};

std::string typeError(std::string_view path, std::string_view expected, const Json& got) {
    return std::string(path) + ": expected " + std::string(expected) + ", got " + std::string(got.typeName());
}

/// Prometheus writes sample values as strings ("1", "NaN", "+Inf").
std::optional<double> valueOf(const Json& v) {
    auto text = v.asString();
    if (!text) return std::nullopt;
    const std::string s(*text);
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size()) return std::nullopt;
    return d;
}

/// [<seconds>, "<value>"] as (ms, value).
Result<std::pair<int64_t, double>> pointOf(const Json& p, const std::string& path) {
    if (!p.isArray() || p.size() != 2) return Error{typeError(path, "a [time, \"value\"] pair", p)};
    const auto t = p[size_t{0}].asDouble();
    if (!t || !std::isfinite(*t)) return Error{path + "[0]: expected a time in seconds"};
    const auto v = valueOf(p[size_t{1}]);
    if (!v) return Error{path + "[1]: expected a sample value as a string (\"1.5\", \"NaN\", \"+Inf\")"};
    return std::pair{static_cast<int64_t>(std::llround(*t * 1000)), *v};
}

/// The metric object as a name and labels.
Status readMetric(const Json& m, const std::string& path, std::string& name, std::vector<Label>& labels) {
    if (!m.isObject()) return Status::fail(typeError(path, "an object of labels", m));
    labels.reserve(m.size());
    for (const auto& [key, value] : m.members()) {
        auto s = value.asString();
        if (!s) return Status::fail(typeError(path + "." + key, "a string", value));
        if (key == "__name__") name = std::string(*s);
        else labels.push_back({key, std::string(*s)});
    }
    return Status::ok();
}

/// The parsed answer's `data.result` after checking status and resultType;
/// `warnings` filled from the answer.
Result<const Json*> resultOf(const Json& root, std::string_view resultType, std::vector<std::string>& warnings) {
    if (!root.isObject()) return Error{"the answer is not a Prometheus API object (got " + std::string(root.typeName()) + ")"};
    const auto status = root["status"].asString();
    if (status == "error") {
        const std::string type(root["errorType"].asString().value_or("error"));
        return Error{type + ": " + std::string(root["error"].asString().value_or("(no message)"))};
    }
    if (status != "success")
        return Error{"the answer is not a Prometheus API answer (no \"status\": \"success\")"};
    if (const Json* w = root.find("warnings")) {
        if (!w->isArray()) return Error{typeError("warnings", "an array", *w)};
        for (const Json& item : w->items())
            warnings.emplace_back(item.asString().value_or(std::string(item.typeName())));
    }
    const Json& data = root["data"];
    if (!data.isObject()) return Error{typeError("data", "an object", data)};
    const auto type = data["resultType"].asString();
    if (type != resultType)
        return Error{"data.resultType: expected \"" + std::string(resultType) + "\", got " +
                     (type ? "\"" + std::string(*type) + "\"" : std::string(data["resultType"].typeName()))};
    const Json* result = data.find("result");
    if (!result || !result->isArray())
        return Error{typeError("data.result", "an array", result ? *result : Json())};
    return result;
}

Result<Json> parseJson(std::string_view body) {
    auto doc = Json::parse(body, kLimits);
    if (!doc) return Error{"the answer is not JSON: " + doc.message()};
    return doc;
}

}  // namespace

Result<PrometheusReply::Vector> PrometheusReply::parseVector(std::string_view body) {
    auto doc = parseJson(body);
    if (!doc) return doc.error();
    Vector out;
    auto result = resultOf(*doc, "vector", out.warnings);
    if (!result) return result.error();
    out.samples.reserve((*result)->size());
    for (size_t i = 0; i < (*result)->size(); ++i) {
        const Json& item = (**result)[i];
        const std::string path = "data.result[" + std::to_string(i) + "]";
        Sample s;
        if (auto st = readMetric(item["metric"], path + ".metric", s.name, s.labels); !st) return st.error();
        auto point = pointOf(item["value"], path + ".value");
        if (!point) return point.error();
        s.value = point->second;
        s.timestampMs = point->first;
        out.samples.push_back(std::move(s));
    }
    return out;
}

Result<PrometheusReply::Matrix> PrometheusReply::parseMatrix(std::string_view body) {
    auto doc = parseJson(body);
    if (!doc) return doc.error();
    Matrix out;
    auto result = resultOf(*doc, "matrix", out.warnings);
    if (!result) return result.error();
    out.series.reserve((*result)->size());
    for (size_t i = 0; i < (*result)->size(); ++i) {
        const Json& item = (**result)[i];
        const std::string path = "data.result[" + std::to_string(i) + "]";
        PrometheusSeries s;
        if (auto st = readMetric(item["metric"], path + ".metric", s.name, s.labels); !st) return st.error();
        const Json& values = item["values"];
        if (!values.isArray()) return Error{typeError(path + ".values", "an array", values)};
        s.points.reserve(values.size());
        for (size_t j = 0; j < values.size(); ++j) {
            auto point = pointOf(values[j], path + ".values[" + std::to_string(j) + "]");
            if (!point) return point.error();
            s.points.push_back(*point);
        }
        out.series.push_back(std::move(s));
    }
    return out;
}

std::optional<std::string> PrometheusReply::errorOf(std::string_view body) {
    auto doc = Json::parse(body);
    if (!doc || !doc->isObject()) return std::nullopt;
    const auto message = (*doc)["error"].asString();
    if (!message) return std::nullopt;
    const auto type = (*doc)["errorType"].asString();
    return (type ? std::string(*type) + ": " : std::string()) + std::string(*message);
}

}  // namespace poolscope
