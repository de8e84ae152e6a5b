#pragma once
// Alert messages in the user's language. The core words every alert in
// English and gives it a stable code and the arguments the text interpolates
// (Alert::messageCode, Alert::messageArgs); this class words each code with
// tr() so the alert list, the notifications and the status bar can show it.
// A stale source's reason (SourceHealth) is worded the same way.

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <string>
#include <vector>

#include "core/health/Alert.h"
#include "core/session/SnapshotSource.h"

namespace poolscope {

/// Pure functions, usable from any thread; translations in the context
/// "poolscope::AlertText" (and "poolscope::LintText" for config_lint alerts).
class AlertText {
    Q_DECLARE_TR_FUNCTIONS(poolscope::AlertText)
public:
    /// The alert's message in the user's language. The core's English text
    /// when the code is unknown, the arguments do not match the code, or the
    /// UI has no translation of the code's wording (the English UI shows the
    /// core's own words).
    static QString message(const Alert& alert);
    /// The same for an entry of the fired list.
    static QString message(const FiredAlert& alert);
    /// Why a source is stale (SourceHealth::messageCode), the same way.
    static QString message(const SourceHealth& health);
    /// The same from the parts: `code` and `args` as in Alert, `english` the
    /// core's text.
    static QString message(const std::string& code, const std::vector<std::string>& args,
                           const std::string& english);

    /// Every code the core can emit but config_lint's ("config_lint." + a
    /// LintText code): tests check each has a wording.
    static QStringList knownCodes();
    /// How many arguments `code` takes (config_lint codes included); -1 when
    /// it has no wording.
    static int argumentCount(const QString& code);
    /// Whether the UI's translation words `code` (false in the English UI).
    static bool isTranslated(const QString& code);
};

}  // namespace poolscope
