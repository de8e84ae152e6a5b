#include "app/ui/ConnectionProfile.h"

#include <QUrl>

#include "core/drivers/Url.h"

namespace poolscope {

namespace {

QString enc(const QString& s, const QByteArray& keep = {}) {
    return QString::fromLatin1(QUrl::toPercentEncoding(s, keep));
}

}  // namespace

QString ConnectionProfile::scheme(Kind kind) {
    switch (kind) {
        case Kind::PostgreSQL: return QStringLiteral("postgresql");
        case Kind::MySQL: return QStringLiteral("mysql");
        case Kind::SQLite: return QStringLiteral("sqlite");
        case Kind::Simulated: break;
    }
    return QStringLiteral("sim");
}

QString ConnectionProfile::kindLabel(Kind kind) {
    switch (kind) {
        case Kind::PostgreSQL: return tr("PostgreSQL");
        case Kind::MySQL: return tr("MySQL / MariaDB");
        case Kind::SQLite: return tr("SQLite");
        case Kind::Simulated: break;
    }
    return tr("Simulated server");
}

int ConnectionProfile::defaultPort(Kind kind) {
    switch (kind) {
        case Kind::PostgreSQL: return 5432;
        case Kind::MySQL: return 3306;
        default: return 0;
    }
}

QString ConnectionProfile::url(const QString& password) const {
    switch (kind) {
        case Kind::SQLite: {
            QString path = file.trimmed();
            if (!path.startsWith(QLatin1Char('/'))) path.prepend(QLatin1Char('/'));
            QString u = QStringLiteral("sqlite://") + enc(path, "/");
            if (!options.trimmed().isEmpty()) u += QLatin1Char('?') + options.trimmed();
            return u;
        }
        case Kind::Simulated: {
            const QString o = simOptions.trimmed();
            return o.isEmpty() ? QStringLiteral("sim://") : QStringLiteral("sim://?") + o;
        }
        case Kind::PostgreSQL:
        case Kind::MySQL: break;
    }
    QString u = scheme(kind) + QStringLiteral("://");
    if (!user.isEmpty()) {
        u += enc(user);
        if (!password.isEmpty()) u += QLatin1Char(':') + enc(password);
        u += QLatin1Char('@');
    }
    const QString h = host.trimmed();
    u += h.contains(QLatin1Char(':')) ? QLatin1Char('[') + h + QLatin1Char(']') : h;
    if (port > 0) u += QLatin1Char(':') + QString::number(port);
    if (!database.isEmpty()) u += QLatin1Char('/') + enc(database);
    if (!options.trimmed().isEmpty()) u += QLatin1Char('?') + options.trimmed();
    return u;
}

QString ConnectionProfile::displayUrl(const QString& password) const {
    return QString::fromStdString(maskPassword(url(password).toStdString()));
}

std::optional<ConnectionProfile> ConnectionProfile::fromUrl(const QString& text, const QString& name,
                                                            QString* password, QString* error) {
    auto parsed = Url::parse(text.toStdString());
    if (!parsed) {
        if (error) *error = QString::fromStdString(parsed.message());
        return std::nullopt;
    }
    const Url& u = *parsed;
    ConnectionProfile p;
    p.name = name;
    const std::string& s = u.scheme();
    QString query;
    for (const auto& param : u.params()) {
        if (!query.isEmpty()) query += QLatin1Char('&');
        query += enc(QString::fromStdString(param.key)) + QLatin1Char('=') +
                 enc(QString::fromStdString(param.value));
    }
    if (s == "postgresql" || s == "postgres" || s == "mysql" || s == "mariadb") {
        p.kind = s.starts_with("postgres") ? Kind::PostgreSQL : Kind::MySQL;
        p.host = QString::fromStdString(u.host());
        p.port = u.port();
        p.user = QString::fromStdString(u.user());
        QString db = QString::fromStdString(u.path());
        if (db.startsWith(QLatin1Char('/'))) db.remove(0, 1);
        p.database = db;
        p.options = query;
        if (password) *password = QString::fromStdString(u.password());
    } else if (s == "sqlite") {
        p.kind = Kind::SQLite;
        p.file = QString::fromStdString(u.path());
        p.options = query;
    } else if (s == "sim") {
        p.kind = Kind::Simulated;
        p.simOptions = query;
    } else {
        if (error) *error = tr("'%1' is not a database PoolScope can open").arg(QString::fromStdString(s));
        return std::nullopt;
    }
    return p;
}

QVariantMap ConnectionProfile::toMap() const {
    return {{"name", name},
            {"kind", scheme(kind)},
            {"host", host},
            {"port", port},
            {"database", database},
            {"user", user},
            {"options", options},
            {"file", file},
            {"simOptions", simOptions},
            {"rememberPassword", rememberPassword}};
}

ConnectionProfile ConnectionProfile::fromMap(const QVariantMap& m) {
    ConnectionProfile p;
    p.name = m.value("name").toString();
    const QString k = m.value("kind").toString();
    p.kind = k == QLatin1String("mysql")    ? Kind::MySQL
             : k == QLatin1String("sqlite") ? Kind::SQLite
             : k == QLatin1String("sim")    ? Kind::Simulated
                                            : Kind::PostgreSQL;
    p.host = m.value("host", p.host).toString();
    p.port = m.value("port").toInt();
    p.database = m.value("database").toString();
    p.user = m.value("user").toString();
    p.options = m.value("options").toString();
    p.file = m.value("file").toString();
    p.simOptions = m.value("simOptions", p.simOptions).toString();
    p.rememberPassword = m.value("rememberPassword", true).toBool();
    return p;
}

}  // namespace poolscope
