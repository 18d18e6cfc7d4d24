#include "secretjob.h"

#include "clientlogging.h"

#include <qt6keychain/keychain.h>

namespace Flotilla {

SecretJob::SecretJob(Operation operation, QString profileName, QObject *parent)
    : QObject(parent)
    , m_operation(operation)
    , m_profileName(std::move(profileName))
{}

SecretJob::~SecretJob() = default;

void SecretJob::start()
{
    Q_ASSERT(!m_started);
    m_started = true;
    QKeychain::Job *job = nullptr;
    switch (m_operation) {
    case Operation::Read: job = new QKeychain::ReadPasswordJob(m_service, this); break;
    case Operation::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service, this);
        write->setBinaryData(m_secrets.toJson());
        job = write;
        break;
    }
    case Operation::Remove: job = new QKeychain::DeletePasswordJob(m_service, this); break;
    }
    // QtKeychain 0.13 falls back to plain text only on its KWallet path, but
    // say it anyway: a secret goes to the keychain or nowhere.
    job->setInsecureFallback(false);
    job->setKey(m_profileName);
    connect(job, &QKeychain::Job::finished, this, &SecretJob::keychainFinished);
    job->start();
}

void SecretJob::keychainFinished(QKeychain::Job *job)
{
    const QKeychain::Error error = job->error();
    if (error == QKeychain::NoError && m_operation == Operation::Read) {
        const auto *read = static_cast<QKeychain::ReadPasswordJob *>(job);
        if (std::optional<ProfileSecrets> secrets = ProfileSecrets::fromJson(read->binaryData()))
            m_secrets = *secrets;
        else
            m_errorString = QStringLiteral("The keychain entry of profile \"%1\" (service \"%2\") is not readable; "
                                           "store the profile's secrets again.")
                                .arg(m_profileName, m_service);
    } else if (error == QKeychain::EntryNotFound && m_operation != Operation::Write) {
        m_secrets = {}; // nothing stored, nothing to remove
    } else if (error == QKeychain::AccessDeniedByUser || error == QKeychain::AccessDenied) {
        m_errorString = QStringLiteral("Access to the system keychain was denied (%1); allow it to use the secrets of "
                                       "profile \"%2\".")
                            .arg(job->errorString(), m_profileName);
    } else if (error != QKeychain::NoError) {
        static const char *const verbs[] = {"read", "store", "remove"};
        m_errorString = QStringLiteral("The system keychain could not %1 the secrets of profile \"%2\": %3. "
                                       "A keychain (a Secret Service such as gnome-keyring, or KWallet) must be "
                                       "running and unlocked in this session; secrets are never stored elsewhere.")
                            .arg(QLatin1String(verbs[int(m_operation)]), m_profileName, job->errorString());
    }
    if (!m_errorString.isEmpty())
        qCWarning(lcClient).noquote() << m_errorString;
    Q_EMIT finished(this);
    deleteLater();
}

} // namespace Flotilla
