#include "core/remote/BuiltinMappings.h"

#include <string>

namespace poolscope {

namespace detail {
// Defined in the generated BuiltinMappingsData.cpp (core/remote/CMakeLists.txt).
extern const BuiltinMappingText kBuiltinMappingTexts[];
extern const size_t kBuiltinMappingCount;
}  // namespace detail

std::span<const BuiltinMappingText> BuiltinMappings::texts() {
    return {detail::kBuiltinMappingTexts, detail::kBuiltinMappingCount};
}

Result<std::vector<MetricMapping>> BuiltinMappings::all() {
    std::vector<MetricMapping> out;
    for (const BuiltinMappingText& t : texts()) {
        auto m = MetricMapping::parse(t.json);
        if (!m) return Error{"built-in mapping '" + std::string(t.file) + "': " + m.message()};
        out.push_back(std::move(*m));
    }
    return out;
}

std::optional<MetricMapping> BuiltinMappings::byName(std::string_view name) {
    for (const BuiltinMappingText& t : texts()) {
        auto m = MetricMapping::parse(t.json);
        if (m && m->name == name) return std::move(*m);
    }
    return std::nullopt;
}

std::optional<MetricMapping> BuiltinMappings::detect(const Exposition& scrape) {
    for (const BuiltinMappingText& t : texts()) {
        auto m = MetricMapping::parse(t.json);
        if (m && m->detect(scrape)) return std::move(*m);
    }
    return std::nullopt;
}

}  // namespace poolscope
