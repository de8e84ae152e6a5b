#pragma once
// A saved way to reach a database: what the connect dialog edits and the
// profile store keeps. Never holds a password; url() takes it as an argument.

#include <QCoreApplication>
#include <QString>
#include <QVariantMap>
#include <optional>

namespace poolscope {

/// A value type; no I/O.
struct ConnectionProfile {
    Q_DECLARE_TR_FUNCTIONS(poolscope::ConnectionProfile)
public:
    enum class Kind { PostgreSQL, MySQL, SQLite, Simulated };

    QString name;                 ///< profile name; also the pool's name
    Kind kind = Kind::PostgreSQL;
    QString host = QStringLiteral("localhost");
    int port = 0;                 ///< 0 = the driver's default
    QString database;
    QString user;
    QString options;              ///< extra URL parameters, "k=v&k2=v2" (server kinds)
    QString file;                 ///< SQLite database file (absolute path)
    QString simOptions = QStringLiteral("query_ms=2");  ///< sim:// parameters
    bool rememberPassword = true; ///< keep the password in the system keychain

    /// URL scheme: "postgresql", "mysql", "sqlite", "sim".
    static QString scheme(Kind kind);
    /// "PostgreSQL", "MySQL / MariaDB", "SQLite", "Simulated server" (translated).
    static QString kindLabel(Kind kind);
    /// 5432, 3306, or 0.
    static int defaultPort(Kind kind);
    /// True for kinds that log in with a password (PostgreSQL, MySQL).
    bool usesPassword() const { return kind == Kind::PostgreSQL || kind == Kind::MySQL; }

    /// The database URL with `password` percent-encoded into it (omitted when empty).
    QString url(const QString& password = {}) const;
    /// The URL safe to show: any password replaced by "***".
    QString displayUrl(const QString& password = {}) const;
    /// Reads a URL into a profile named `name`; the password, if any, goes to
    /// `*password`. nullopt (with `*error` set) for a URL of no known kind.
    static std::optional<ConnectionProfile> fromUrl(const QString& url, const QString& name,
                                                    QString* password, QString* error = nullptr);
    /// The keychain entry of this profile's password.
    QString keychainKey() const { return QStringLiteral("profile:") + name; }

    /// For QSettings: every field but a password (there is none to store).
    QVariantMap toMap() const;
    static ConnectionProfile fromMap(const QVariantMap& map);
    bool operator==(const ConnectionProfile&) const = default;
};

}  // namespace poolscope
