#pragma once
// The GUI's command line:
//   poolscope [--connect URL]... [--pool k=v,...] [--workload k=v,...|off]
//             [--lang zh_CN|en] [--theme system|light|dark]
//             [--preset unbounded|leak|restart|wait_storm]
//             [--thresholds FILE] [--replay FILE] [--screenshot FILE] [--quit-after S]
//             [--record FILE]

#include <QString>
#include <QStringList>
#include <optional>

#include "app/headless/OptionTable.h"
#include "core/health/Thresholds.h"
#include "core/pool/PoolConfig.h"
#include "core/workload/WorkloadConfig.h"

namespace poolscope {

/// What the GUI starts with. Filled by GuiOptions::parse().
struct GuiOptions {
    /// Databases to open, one pool each; empty means the embedded default.
    QStringList connectUrls;
    /// Settings of the first pool: sensible defaults, then --pool.
    PoolConfig pool = defaultPool();
    /// The demo workload of the first pool: gentle defaults, then --workload.
    WorkloadConfig workload = defaultWorkload();
    /// False after `--workload off`: the pool starts idle.
    bool runWorkload = true;
    /// Locale name such as "zh_CN" or "en"; empty = the saved choice or the system's.
    QString language;
    /// "system", "light", "dark"; empty = the saved choice.
    QString theme;
    /// An incident preset (WorkloadPresets id) to run on the first pool once it runs.
    QString preset;
    /// Health thresholds read from --thresholds (the file is read by parse();
    /// a bad one is an error naming the key); nullopt = the saved or built-in set.
    std::optional<Thresholds> thresholds;
    QString thresholdsFile;
    /// PoolScope endpoints to attach to (instead of the embedded default).
    QStringList attachUrls;
    /// --token-file: the bearer token sent to the endpoints (read by parse()).
    QString attachToken;
    /// --tls-ca: the CA of the endpoints' certificates.
    QString attachCaFile;
    /// A recording (.psrec) to replay instead of the embedded default; empty = none.
    QString replayFile;
    /// Record the session to this .psrec from the start (as File → Record); empty = none.
    QString recordFile;
    /// Where to save a PNG of the main window; empty = none.
    QString screenshotFile;
    /// Seconds after which the app grabs the screenshot (if any) and quits; nullopt = never.
    std::optional<double> quitAfterS;

    /// What parse() found wrong; empty when the arguments are fine.
    QString error;

    /// The pool a newcomer sees: max_open 10, min_idle 2, validation of
    /// connections idle > 5 s, leak reports after 60 s (no lint finding).
    static PoolConfig defaultPool();
    /// The gentle demo: 4 workers, hold 20 ms, think 30 ms, `SELECT 1`.
    static WorkloadConfig defaultWorkload();

    /// Parses the arguments after argv[0]. Values follow as the next argument
    /// or after '='. Pure except that it reads the --thresholds file; the error names the bad option or value. Arguments
    /// Qt itself understands (-platform, -style, ...) are not accepted here:
    /// pass them through QT_QPA_PLATFORM and friends.
    static GuiOptions parse(const QStringList& args);
    /// The GUI part of --help; `translate` words the prose and the options' help.
    static QString usage(const HelpTranslator& translate = {});
};

}  // namespace poolscope
