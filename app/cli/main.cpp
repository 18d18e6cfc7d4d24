#include "commandline.h"

#include <QCoreApplication>
#include <QTimer>

using namespace Flotilla;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("flotilla"));
    QCoreApplication::setOrganizationName(QStringLiteral("flotilla"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOTILLA_VERSION));

    CommandLine commandLine(QCoreApplication::arguments());
    QObject::connect(
        &commandLine, &CommandLine::finished, &app, [](int exitCode) { QCoreApplication::exit(exitCode); },
        Qt::QueuedConnection);
    QTimer::singleShot(0, &commandLine, &CommandLine::start);
    return app.exec();
}
