#pragma once

#include "profilesecrets.h"

#include <QObject>
#include <QPointer>

namespace QKeychain {
class Job;
}

namespace Flotilla {

// One keychain operation on a profile's secrets: read, write or remove,
// through QtKeychain (the Secret Service, KWallet, ...). Like the API jobs:
// start() once, one finished(), then it deletes itself. A secret never goes
// anywhere but the keychain: with no keychain, the job fails and says so.
class SecretJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretJob)

public:
    enum class Operation { Read, Write, Remove };

    static constexpr QStringView defaultService = u"flotilla";

    SecretJob(Operation operation, QString profileName, QObject *parent = nullptr);
    ~SecretJob() override;

    void setService(const QString &service) { m_service = service; }
    void setSecrets(const ProfileSecrets &secrets) { m_secrets = secrets; } // for Write

    void start();

    bool succeeded() const { return m_errorString.isEmpty(); }
    // Says what went wrong and what to do about it.
    QString errorString() const { return m_errorString; }
    // For Read: the secrets; empty when none are stored.
    const ProfileSecrets &secrets() const { return m_secrets; }

Q_SIGNALS:
    void finished(Flotilla::SecretJob *job);

private:
    void keychainFinished(QKeychain::Job *job);

    Operation m_operation;
    QString m_profileName;
    QString m_service = defaultService.toString();
    ProfileSecrets m_secrets;
    QString m_errorString;
    bool m_started = false;
};

} // namespace Flotilla
