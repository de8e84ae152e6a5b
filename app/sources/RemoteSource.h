#pragma once
// The pools of a PoolScope endpoint in another process (core/session/
// RemoteSession), run by the Qt adapter like every other source.

#include <QString>

#include "app/sources/SessionSource.h"

namespace poolscope {

/// What to attach to.
struct AttachSpec {
    QString url;     ///< http(s)://host:port[/prefix][?pool=NAME]
    QString token;   ///< bearer token; empty: read-only (never shown or stored in clear)
    QString caFile;  ///< PEM CA for https; empty: the system's
    int intervalMs = 1000;  ///< time between two snapshot fetches
};

class RemoteSource final : public SessionSource {
    Q_OBJECT
public:
    /// Polls 10 times a second; the session fetches every spec.intervalMs.
    explicit RemoteSource(const AttachSpec& spec, QObject* parent = nullptr);
    /// The name to list the source under until it names its pools: "host:port".
    static QString placeholderName(const QString& url);
};

}  // namespace poolscope
