#include "desktopapplication.h"
#include "singleinstance.h"
#include "translations.h"

#include <http/controlplane.h>
#include <icons.h>
#include <log/logspill.h>

#include <QApplication>
#include <QCommandLineParser>

using namespace Flotilla;

namespace {

// The options, for this start and for the later starts that hand theirs over.
void describeOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Flotilla Desktop: define tasks, launch runs and watch them live."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions(
        {{QStringLiteral("data-dir"),
          QCoreApplication::translate("main", "Data dir of the local control plane (default: %1).")
              .arg(ControlPlane::defaultDataDir()),
          QCoreApplication::translate("main", "DIR")},
         {QStringLiteral("no-local"), QCoreApplication::translate("main", "Do not start the local control plane.")},
         {QStringLiteral("watch"),
          QCoreApplication::translate("main", "Notify when the run ends (of the server shown first)."),
          QCoreApplication::translate("main", "RUN_ID")}});
    parser.addPositionalArgument(QStringLiteral("URL"),
                                 QCoreApplication::translate("main", "A link to open: flotilla://PROFILE/run/RUN_ID, "
                                                                     "flotilla://PROFILE/definition/ID or "
                                                                     "flotilla://PROFILE/template/ID."),
                                 QStringLiteral("[URL...]"));
}

// What a command line asks of the running app beyond starting it.
void act(DesktopApplication &desktop, const QCommandLineParser &parser)
{
    for (const QString &link : parser.positionalArguments())
        desktop.openLink(link);
    for (const QString &runId : parser.values(QStringLiteral("watch")))
        desktop.watchRun(runId);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // The same names as flotilla and flotilla-local: one data dir, one settings file.
    QCoreApplication::setOrganizationName(QStringLiteral("flotilla"));
    QCoreApplication::setApplicationName(QStringLiteral("flotilla"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOTILLA_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Flotilla"));
    QGuiApplication::setDesktopFileName(applicationId());
    // Before the parser: --help is shown in the user's language too.
    const Translations translations{QLocale()};

    QCommandLineParser parser;
    describeOptions(parser);
    parser.process(app);
    const bool defaultDataDir = !parser.isSet(QStringLiteral("data-dir"));
    const QString dataDir = defaultDataDir ? ControlPlane::defaultDataDir() : parser.value(QStringLiteral("data-dir"));

    // One app per user and data dir: a later start hands its arguments over.
    SingleInstance instance(dataDir, defaultDataDir);
    if (instance.handOver(QCoreApplication::arguments()))
        return 0;
    instance.listen();
    // Spill files a crashed app left behind; a living viewer's file is locked and stays.
    LogSpill::removeStale(LogSpill::defaultDirectory());

    DesktopApplication desktop({dataDir, !parser.isSet(QStringLiteral("no-local"))});
    desktop.start();
    act(desktop, parser);
    QObject::connect(&instance, &SingleInstance::argumentsReceived, &desktop, [&desktop](const QStringList &arguments) {
        desktop.raiseWindow();
        QCommandLineParser later;
        describeOptions(later);
        if (later.parse(arguments)) // the later start checked them already
            act(desktop, later);
    });
    return app.exec();
}
