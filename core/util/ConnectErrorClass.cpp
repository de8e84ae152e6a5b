#include "core/util/ConnectErrorClass.h"

#include <array>

namespace poolscope {

namespace {
constexpr std::array<std::string_view, 5> kNames{"unknown", "unreachable", "server_full", "authentication",
                                                 "configuration"};
}  // namespace

std::string_view toString(ConnectErrorClass c) {
    const auto i = static_cast<size_t>(c);
    return i < kNames.size() ? kNames[i] : kNames[0];
}

std::optional<ConnectErrorClass> connectErrorClassFromString(std::string_view name) {
    for (size_t i = 0; i < kNames.size(); ++i)
        if (kNames[i] == name) return static_cast<ConnectErrorClass>(i);
    return std::nullopt;
}

}  // namespace poolscope
