#pragma once
// The config lint's findings as the settings panel shows them: which field a
// finding belongs to, and its message in the user's language.

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include "core/pool/PoolConfig.h"

namespace poolscope {

/// Pure functions; translations in the context "poolscope::LintText".
class LintText {
    Q_DECLARE_TR_FUNCTIONS(poolscope::LintText)
public:
    /// The `--pool` key of the field a finding is about ("max_open", ...);
    /// empty when it concerns no single field.
    static QString fieldOf(const LintFinding& finding);
    /// The finding's message, translated for every code the core emits;
    /// unknown codes keep the core's English text.
    static QString message(const LintFinding& finding);
    /// "error", "warning", "info" (translated).
    static QString levelLabel(LintFinding::Level level);
    /// Every code the core's lint can emit (tests check each has a field and text).
    static QStringList knownCodes();
};

}  // namespace poolscope
