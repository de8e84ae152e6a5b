#include "app/ui/ProfileStore.h"

#include <QSettings>
#include <algorithm>

namespace poolscope {

namespace {
// One readable entry per profile: profiles/1/name=..., profiles/1/host=...
const QString kArray = QStringLiteral("profiles");
}  // namespace

ProfileStore::ProfileStore(QSettings& settings) : settings_(settings) {}

QList<ConnectionProfile> ProfileStore::all() const {
    QList<ConnectionProfile> out;
    const int n = settings_.beginReadArray(kArray);
    for (int i = 0; i < n; ++i) {
        settings_.setArrayIndex(i);
        QVariantMap map;
        for (const QString& key : settings_.childKeys()) map.insert(key, settings_.value(key));
        ConnectionProfile p = ConnectionProfile::fromMap(map);
        if (!p.name.isEmpty()) out << p;
    }
    settings_.endArray();
    return out;
}

void ProfileStore::writeAll(const QList<ConnectionProfile>& profiles) {
    settings_.remove(kArray);
    settings_.beginWriteArray(kArray, static_cast<int>(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        settings_.setArrayIndex(i);
        const QVariantMap map = profiles[i].toMap();
        for (auto it = map.begin(); it != map.end(); ++it) settings_.setValue(it.key(), it.value());
    }
    settings_.endArray();
    settings_.sync();
}

QStringList ProfileStore::names() const {
    QStringList out;
    for (const ConnectionProfile& p : all()) out << p.name;
    std::sort(out.begin(), out.end(),
              [](const QString& a, const QString& b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    return out;
}

std::optional<ConnectionProfile> ProfileStore::load(const QString& name) const {
    for (const ConnectionProfile& p : all())
        if (p.name == name) return p;
    return std::nullopt;
}

void ProfileStore::save(const ConnectionProfile& profile) {
    QList<ConnectionProfile> list = all();
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const ConnectionProfile& p) { return p.name == profile.name; });
    if (it != list.end())
        *it = profile;
    else
        list << profile;
    writeAll(list);
}

void ProfileStore::remove(const QString& name) {
    QList<ConnectionProfile> list = all();
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const ConnectionProfile& p) { return p.name == name; }),
               list.end());
    writeAll(list);
}

}  // namespace poolscope
