#include "settingsdialog.h"
#include "ui_settingsdialog.h"
#include <widgets/formproblems.h>

#include <client/flavourdetectionjob.h>
#include <client/flotillaclient.h>
#include <client/profilestore.h>
#include <client/settings.h>

#include <QCheckBox>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>

namespace Flotilla {

namespace {

QString flavourTitle(ServerFlavour flavour)
{
    switch (flavour) {
    case ServerFlavour::Auto: return SettingsDialog::tr("Detect automatically");
    case ServerFlavour::ControlPlane: return SettingsDialog::tr("Flotilla control plane (flotilla-local)");
    case ServerFlavour::CurrentUpstream: return SettingsDialog::tr("Flotilla upstream (current, API v6)");
    case ServerFlavour::SeedEra: return SettingsDialog::tr("Flotilla upstream (2018, API v1)");
    }
    return {};
}

constexpr int nameRole = Qt::UserRole;

} // namespace

SettingsDialog::SettingsDialog(ProfileStore *store, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_store(store)
{
    m_ui->setupUi(this);
    for (const ServerFlavour flavour :
         {ServerFlavour::Auto, ServerFlavour::ControlPlane, ServerFlavour::CurrentUpstream, ServerFlavour::SeedEra})
        m_ui->flavourCombo->addItem(flavourTitle(flavour), int(flavour));

    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->profileList, &QListWidget::currentRowChanged, this, &SettingsDialog::showSelectedProfile);
    connect(m_ui->addButton, &QPushButton::clicked, this, &SettingsDialog::startNewProfile);
    connect(m_ui->removeButton, &QPushButton::clicked, this, &SettingsDialog::confirmRemoveProfile);
    connect(m_ui->defaultButton, &QPushButton::clicked, this, &SettingsDialog::makeDefault);
    connect(m_ui->saveProfileButton, &QPushButton::clicked, this, &SettingsDialog::saveProfile);
    connect(m_ui->testButton, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    connect(m_ui->urlEdit, &QLineEdit::textChanged, this, &SettingsDialog::updateButtons);

    m_ui->runsRefreshSpin->setValue(Settings().runsRefreshSeconds());
    connect(m_ui->runsRefreshSpin, &QSpinBox::valueChanged, this,
            [](int seconds) { Settings().setRunsRefreshSeconds(seconds); });

    const Settings settings;
    const std::tuple<QCheckBox *, bool, void (Settings::*)(bool)> checks[] = {
        {m_ui->notifyCheck, settings.notifyWatchedRuns(), &Settings::setNotifyWatchedRuns},
        {m_ui->failuresStayCheck, settings.failuresStayUntilDismissed(), &Settings::setFailuresStayUntilDismissed},
        {m_ui->keepInTrayCheck, settings.keepRunningInTray(), &Settings::setKeepRunningInTray},
    };
    for (const auto &[check, value, setter] : checks) {
        check->setChecked(value);
        connect(check, &QCheckBox::toggled, this, [setter = setter](bool on) { (Settings().*setter)(on); });
    }
    m_ui->failuresStayCheck->setEnabled(m_ui->notifyCheck->isChecked());
    connect(m_ui->notifyCheck, &QCheckBox::toggled, m_ui->failuresStayCheck, &QWidget::setEnabled);

    reloadProfiles(m_store->defaultProfileName());
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::reloadProfiles(const QString &selectName)
{
    const QString defaultName = m_store->defaultProfileName();
    const QSignalBlocker blocker(m_ui->profileList);
    m_ui->profileList->clear();
    for (const ServerProfile &profile : m_store->profiles()) {
        const bool isDefault = profile.name == defaultName;
        auto *item = new QListWidgetItem(isDefault ? tr("%1 (default)").arg(profile.name) : profile.name,
                                         m_ui->profileList);
        item->setData(nameRole, profile.name);
        if (isDefault) {
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
        }
        if (profile.name == selectName)
            m_ui->profileList->setCurrentItem(item);
    }
    if (!m_ui->profileList->currentItem())
        m_ui->profileList->setCurrentRow(0);
    showSelectedProfile();
}

QString SettingsDialog::selectedName() const
{
    const QListWidgetItem *item = m_ui->profileList->currentItem();
    return item ? item->data(nameRole).toString() : QString();
}

void SettingsDialog::showSelectedProfile()
{
    if (const std::optional<ServerProfile> profile = m_store->profile(selectedName()))
        showProfile(*profile, false);
}

void SettingsDialog::showProfile(const ServerProfile &profile, bool isNew)
{
    m_isNewProfile = isNew;
    m_ui->nameEdit->setText(profile.name);
    m_ui->urlEdit->setText(profile.baseUrl.toString());
    m_ui->flavourCombo->setCurrentIndex(m_ui->flavourCombo->findData(int(profile.flavour)));
    m_ui->ownerEdit->setText(profile.ownerId);
    m_ui->clusterEdit->setText(profile.defaultCluster);
    m_ui->webUiEdit->setText(profile.webUi.toString());
    m_ui->tokenEdit->clear();
    m_ui->headersEdit->clear();
    setStatus(profile.isLocal() ? tr("\"local\" is the control plane on this computer; it is built in and "
                                     "cannot be changed.")
                                : QString(),
              false);
    for (QWidget *field : {static_cast<QWidget *>(m_ui->urlEdit), static_cast<QWidget *>(m_ui->flavourCombo),
                           static_cast<QWidget *>(m_ui->ownerEdit), static_cast<QWidget *>(m_ui->clusterEdit),
                           static_cast<QWidget *>(m_ui->webUiEdit), static_cast<QWidget *>(m_ui->tokenEdit),
                           static_cast<QWidget *>(m_ui->headersEdit)})
        field->setEnabled(!profile.isLocal());
    m_ui->nameEdit->setReadOnly(!isNew);
    updateButtons();
    if (!profile.hasSecrets)
        return;
    // Fill the secret fields when the keychain answers, unless another profile is shown by then.
    runSecretJob(SecretJob::Operation::Read, profile.name, {}, {}, [this, name = profile.name](SecretJob *job) {
        if (m_isNewProfile || selectedName() != name)
            return;
        m_ui->tokenEdit->setText(job->secrets().bearerToken);
        QStringList lines;
        for (const auto &[header, value] : job->secrets().headers)
            lines.append(QString::fromUtf8(header + ": " + value));
        m_ui->headersEdit->setPlainText(lines.join(u'\n'));
    });
}

void SettingsDialog::startNewProfile()
{
    {
        const QSignalBlocker blocker(m_ui->profileList);
        m_ui->profileList->setCurrentRow(-1);
    }
    showProfile(ServerProfile{}, true);
    m_ui->nameEdit->setFocus();
}

ServerProfile SettingsDialog::profileFromForm() const
{
    ServerProfile profile = m_store->profile(m_ui->nameEdit->text().trimmed()).value_or(ServerProfile{});
    profile.name = m_ui->nameEdit->text().trimmed();
    profile.baseUrl = QUrl(m_ui->urlEdit->text().trimmed());
    profile.flavour = ServerFlavour(m_ui->flavourCombo->currentData().toInt());
    profile.ownerId = m_ui->ownerEdit->text().trimmed();
    profile.defaultCluster = m_ui->clusterEdit->text().trimmed();
    profile.webUi = QUrl(m_ui->webUiEdit->text().trimmed());
    return profile;
}

std::optional<ProfileSecrets> SettingsDialog::secretsFromForm(QString *problem) const
{
    static const QRegularExpression headerName(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
    ProfileSecrets secrets;
    secrets.bearerToken = m_ui->tokenEdit->text().trimmed();
    const QStringList lines = m_ui->headersEdit->toPlainText().split(u'\n');
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const QString line = lines.at(index).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(u':');
        const QString name = line.left(colon).trimmed();
        if (colon <= 0 || !headerName.match(name).hasMatch()) {
            *problem = tr("Extra headers, line %1: write \"Name: value\" with an HTTP header name, "
                          "e.g. \"X-Proxy-Auth: secret\"; got \"%2\".")
                           .arg(index + 1)
                           .arg(line);
            return std::nullopt;
        }
        secrets.headers.append({name.toLatin1(), line.mid(colon + 1).trimmed().toUtf8()});
    }
    return secrets;
}

void SettingsDialog::saveProfile()
{
    ServerProfile profile = profileFromForm();
    if (m_isNewProfile && m_store->profile(profile.name))
        return setStatus(tr("A profile named \"%1\" exists already; choose another name.").arg(profile.name), true);
    QString problem = profile.problem();
    const std::optional<ProfileSecrets> secrets = problem.isEmpty() ? secretsFromForm(&problem) : std::nullopt;
    if (!secrets) {
        problem[0] = problem.at(0).toUpper();
        return setStatus(problem, true);
    }
    const bool hadSecrets = profile.hasSecrets;
    profile.hasSecrets = !secrets->isEmpty();
    const auto store = [this, profile](SecretJob *) {
        if (const QString problem = m_store->save(profile); !problem.isEmpty())
            return setStatus(problem, true);
        reloadProfiles(profile.name);
        setStatus(tr("Saved profile \"%1\".").arg(profile.name), false);
        Q_EMIT profilesChanged();
    };
    if (profile.hasSecrets)
        runSecretJob(SecretJob::Operation::Write, profile.name, *secrets, tr("The profile was not saved."), store);
    else if (hadSecrets)
        runSecretJob(SecretJob::Operation::Remove, profile.name, {}, tr("The profile was not saved."), store);
    else
        store(nullptr);
}

void SettingsDialog::confirmRemoveProfile()
{
    const std::optional<ServerProfile> profile = m_store->profile(selectedName());
    if (!profile || profile->isLocal())
        return;
    auto *question = new QMessageBox(QMessageBox::Question, tr("Remove profile"),
                                     tr("Remove the profile \"%1\" and its secrets?").arg(profile->name),
                                     QMessageBox::Cancel, this);
    question->setObjectName(QStringLiteral("confirmRemove"));
    QPushButton *remove = question->addButton(tr("&Remove"), QMessageBox::DestructiveRole);
    question->setDefaultButton(QMessageBox::Cancel);
    question->setAttribute(Qt::WA_DeleteOnClose);
    connect(question, &QMessageBox::finished, this, [this, question, remove, profile = *profile] {
        if (question->clickedButton() == remove)
            removeProfile(profile);
    });
    question->open();
}

void SettingsDialog::removeProfile(const ServerProfile &profile)
{
    const auto forget = [this, name = profile.name](SecretJob *) {
        m_store->remove(name);
        reloadProfiles(m_store->defaultProfileName());
        setStatus(tr("Removed profile \"%1\".").arg(name), false);
        Q_EMIT profilesChanged();
    };
    // The profile stays while its secrets are in the keychain, so they are never orphaned.
    if (profile.hasSecrets)
        runSecretJob(SecretJob::Operation::Remove, profile.name, {}, tr("The profile was kept."), forget);
    else
        forget(nullptr);
}

void SettingsDialog::makeDefault()
{
    const QString name = selectedName();
    if (const QString problem = m_store->setDefaultProfileName(name); !problem.isEmpty())
        return setStatus(problem, true);
    reloadProfiles(name);
    Q_EMIT profilesChanged();
}

void SettingsDialog::testConnection()
{
    QString problem;
    const std::optional<ProfileSecrets> secrets = secretsFromForm(&problem);
    if (!secrets)
        return setStatus(problem, true);
    m_testClient = std::make_unique<FlotillaClient>(QUrl(m_ui->urlEdit->text().trimmed()));
    secrets->applyTo(m_testClient.get());
    FlavourDetectionJob *job = m_testClient->detectFlavour();
    connect(job, &ApiJob::finished, this, [this, job] {
        m_busy = false;
        updateButtons();
        if (job->succeeded())
            setStatus(tr("Connected: %1.").arg(flavourTitle(job->result())), false);
        else
            setStatus(job->error().sentence(), true);
    });
    m_busy = true;
    updateButtons();
    setStatus(tr("Connecting to %1…").arg(m_testClient->baseUrl().toString()), false);
    job->start();
}

void SettingsDialog::runSecretJob(SecretJob::Operation operation, const QString &profileName,
                                  const ProfileSecrets &secrets, const QString &failureNote,
                                  std::function<void(SecretJob *)> then)
{
    auto *job = new SecretJob(operation, profileName, this);
    job->setSecrets(secrets);
    connect(job, &SecretJob::finished, this, [this, failureNote, then = std::move(then)](SecretJob *job) {
        m_busy = false;
        updateButtons();
        if (job->succeeded())
            then(job);
        else
            setStatus(QStringList{job->errorString(), failureNote}.join(u' ').trimmed(), true);
    });
    m_busy = true;
    updateButtons();
    job->start();
}

void SettingsDialog::setStatus(const QString &text, bool isProblem)
{
    m_ui->statusLabel->setText(text);
    if (isProblem)
        styleAsProblem(m_ui->statusLabel);
    else
        m_ui->statusLabel->setStyleSheet({});
}

void SettingsDialog::updateButtons()
{
    const std::optional<ServerProfile> selected = m_store->profile(selectedName());
    const bool isLocal = !m_isNewProfile && selected && selected->isLocal();
    const bool isStored = !m_isNewProfile && selected;
    m_ui->addButton->setEnabled(!m_busy);
    m_ui->removeButton->setEnabled(!m_busy && isStored && !isLocal);
    m_ui->defaultButton->setEnabled(!m_busy && isStored && m_store->defaultProfileName() != selected->name);
    m_ui->saveProfileButton->setEnabled(!m_busy && !isLocal);
    m_ui->testButton->setEnabled(!m_busy && !isLocal && !m_ui->urlEdit->text().trimmed().isEmpty());
}

} // namespace Flotilla
