#include "desktopapplication.h"
#include "translations.h"

#include <http/controlplane.h>
#include <icons.h>

#include <QApplication>
#include <QCommandLineParser>

using namespace Flotilla;

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
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Flotilla Desktop: define tasks, launch runs and watch them live."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QCoreApplication::translate("main",
                                                                 "Data dir of the local control plane (default: %1).")
                                         .arg(ControlPlane::defaultDataDir()),
                                     QCoreApplication::translate("main", "DIR"));
    const QCommandLineOption noLocal(QStringLiteral("no-local"),
                                     QCoreApplication::translate("main", "Do not start the local control plane."));
    const QCommandLineOption watch(QStringLiteral("watch"),
                                   QCoreApplication::translate("main",
                                                               "Notify when the run ends (of the server shown first)."),
                                   QCoreApplication::translate("main", "RUN_ID"));
    parser.addOptions({dataDir, noLocal, watch});
    parser.process(app);

    DesktopApplication desktop(
        {parser.isSet(dataDir) ? parser.value(dataDir) : ControlPlane::defaultDataDir(), !parser.isSet(noLocal)});
    desktop.start();
    for (const QString &runId : parser.values(watch))
        desktop.watchRun(runId);
    return app.exec();
}
