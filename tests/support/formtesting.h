#pragma once

// What the launch and editor form tests set up before their first form.
#include <testserver.h>

#include <client/flotillaclient.h>

#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>

#include <memory>

namespace Flotilla::Testing {

// Settings kept in `settingsDir`, "tester" as the login name (the owner the
// forms start with), `server` started, and a client of it; nullptr (with a
// warning) when the server does not start.
inline std::unique_ptr<FlotillaClient> startFormTests(const QTemporaryDir &settingsDir, TestServer &server)
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("flotilla-test"));
    qputenv("USER", "tester");
    if (!server.start())
        return nullptr;
    auto client = std::make_unique<FlotillaClient>(server.url(), ServerFlavour::ControlPlane);
    client->setBearerToken(QString::fromUtf8(server.token()));
    return client;
}

} // namespace Flotilla::Testing
