#pragma once
// Saved connection profiles in QSettings. Passwords are never written here:
// they live in the system keychain (PasswordVault) or nowhere.

#include <QStringList>
#include <optional>

#include "app/ui/ConnectionProfile.h"

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace poolscope {

/// GUI thread only. Stored as the readable array "profiles" (profiles/1/name, ...).
class ProfileStore {
public:
    /// `settings` is not owned and must outlive the store.
    explicit ProfileStore(QSettings& settings);

    /// Profile names, sorted case-insensitively.
    QStringList names() const;
    std::optional<ConnectionProfile> load(const QString& name) const;
    /// Adds or replaces the profile of the same name.
    void save(const ConnectionProfile& profile);
    void remove(const QString& name);

private:
    QList<ConnectionProfile> all() const;
    void writeAll(const QList<ConnectionProfile>& profiles);
    QSettings& settings_;
};

}  // namespace poolscope
