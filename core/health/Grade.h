#pragma once
// How bad a pool's condition is. Ordered: a higher grade is worse.

#include <cstdint>
#include <optional>
#include <string_view>

namespace poolscope {

/// The grade of a rule's value or of an alert. Info is for events worth a
/// note (events dropped) that do not make a pool unhealthy: a pool's health is
/// normal, warning or danger, never info.
enum class Grade : uint8_t { Normal = 0, Info = 1, Warning = 2, Danger = 3 };

/// "normal", "info", "warning", "danger".
constexpr std::string_view toString(Grade grade) {
    switch (grade) {
        case Grade::Normal: return "normal";
        case Grade::Info: return "info";
        case Grade::Warning: return "warning";
        case Grade::Danger: return "danger";
    }
    return "normal";
}

/// The inverse of toString(); nullopt for any other text (case-sensitive).
constexpr std::optional<Grade> parseGrade(std::string_view text) {
    for (Grade g : {Grade::Normal, Grade::Info, Grade::Warning, Grade::Danger})
        if (toString(g) == text) return g;
    return std::nullopt;
}

/// The grades a rule can raise, lowest first.
inline constexpr Grade kAlertGrades[] = {Grade::Info, Grade::Warning, Grade::Danger};

}  // namespace poolscope
