#pragma once
// The config lint's findings (the pool's own and the server lint's) as the
// settings panel and the alert list show them: which field a finding belongs
// to, and its message in the user's language.

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
    /// unknown codes, and findings without the arguments their code takes
    /// (argumentCount), keep the core's English text.
    static QString message(const LintFinding& finding);
    /// "error", "warning", "info" (translated).
    static QString levelLabel(LintFinding::Level level);
    /// Every code the core's lint can emit (tests check each has a field and text).
    static QStringList knownCodes();
    /// Every code the server lint (core/health/ServerLint.h) can emit.
    static QStringList serverCodes();
    /// How many LintFinding::args a code's wording reads: 0 for the pool
    /// lint's codes, 5 or 6 for the server lint's; -1 for an unknown code.
    static int argumentCount(const QString& code);

private:
    /// "the server", "the PostgreSQL server".
    static QString serverName(const QString& product);
    /// "max_connections=100 (97 after 3 reserved)" from max, usable, reserved.
    static QString limitText(const QStringList& args);
    /// A server-lint code worded from its arguments (count already checked).
    static QString serverMessage(const QString& code, const QStringList& args);
};

}  // namespace poolscope
