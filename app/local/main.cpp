#include <http/controlplane.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace Flotilla;

namespace {

int signalPipe[2];

// SIGINT and SIGTERM end the event loop, so the control plane shuts down
// through its destructors (store closed, lock released). Close-on-exec: runs
// are started from this process and must not hold the pair open.
void quitOnSignals()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, signalPipe) != 0) {
        std::perror("flotilla-local: cannot create the signal socket pair");
        return;
    }
    auto *notifier = new QSocketNotifier(signalPipe[1], QSocketNotifier::Read, qApp);
    QObject::connect(notifier, &QSocketNotifier::activated, qApp, [] { QCoreApplication::quit(); });
    struct sigaction action = {};
    action.sa_handler = [](int) {
        const char byte = 1;
        [[maybe_unused]] const auto written = ::write(signalPipe[0], &byte, 1);
    };
    ::sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

bool parseListen(const QString &text, ControlPlaneOptions *options, QString *error)
{
    const qsizetype colon = text.lastIndexOf(u':');
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool portOk = false;
    const uint port = text.mid(colon + 1).toUInt(&portOk);
    if (colon <= 0 || !portOk || port > 65535) {
        *error = QStringLiteral("--listen takes HOST:PORT with a port from 0 to 65535, e.g. 127.0.0.1:5000; got \"%1\"")
                     .arg(text);
        return false;
    }
    const QHostAddress address = host == u"localhost" ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(host);
    if (address.isNull()) {
        *error = QStringLiteral("--listen needs an IP address or localhost as HOST; got \"%1\"").arg(host);
        return false;
    }
    options->address = address;
    options->port = quint16(port);
    return true;
}

// The first line of --token-file's file.
bool readTokenFile(const QString &path, QByteArray *token, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("--token-file %1: %2").arg(path, file.errorString());
        return false;
    }
    *token = file.readLine().trimmed();
    if (token->isEmpty())
        *error = QStringLiteral("--token-file %1: the file holds no token on its first line").arg(path);
    return !token->isEmpty();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("flotilla"));
    QCoreApplication::setOrganizationName(QStringLiteral("flotilla"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOTILLA_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The Flotilla API served from this machine: definitions and runs "
                                                    "in a local SQLite store, runs executed here."));
    parser.addHelpOption();
    // Not addVersionOption(): that prints the application name, which stays
    // "flotilla" because the default data dir derives from it.
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QStringLiteral("Displays version information."));
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("Address to serve on (port 0 picks a free one)."),
                                    QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:5000"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Folder of the store and the logs."),
                                     QStringLiteral("DIR"), ControlPlane::defaultDataDir());
    const QCommandLineOption token(QStringLiteral("token"),
                                   QStringLiteral("Require Authorization: Bearer TOKEN on every request (default: a "
                                                  "random token, kept in DIR/control-plane.token for your clients)."),
                                   QStringLiteral("TOKEN"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"),
                                       QStringLiteral("Read the token from the file PATH instead."),
                                       QStringLiteral("PATH"));
    const QCommandLineOption noToken(QStringLiteral("no-token"),
                                     QStringLiteral("Take requests without a token (loopback only; for the upstream "
                                                    "web UI, which cannot send one). Any local user can then run "
                                                    "commands as you."));
    const QCommandLineOption allowHost(QStringLiteral("allow-host"),
                                       QStringLiteral("Also answer requests whose Host header names NAME, with any "
                                                      "port, e.g. behind a reverse proxy (repeatable)."),
                                       QStringLiteral("NAME"));
    const QCommandLineOption cors(QStringLiteral("cors-origin"),
                                  QStringLiteral("Allow browser calls from ORIGIN, e.g. http://localhost:3000 "
                                                 "(repeatable; every other web page is refused)."),
                                  QStringLiteral("ORIGIN"));
    const QCommandLineOption defaultCluster(QStringLiteral("default-cluster"),
                                            QStringLiteral("Cluster for launches that name none."),
                                            QStringLiteral("NAME"));
    const QCommandLineOption parallelRuns(QStringLiteral("parallel-runs"),
                                          QStringLiteral("Runs at once per cluster; the rest wait QUEUED (default 4)."),
                                          QStringLiteral("N"), QStringLiteral("4"));
    const QCommandLineOption grace(QStringLiteral("terminate-grace"),
                                   QStringLiteral(
                                       "Seconds between SIGTERM and SIGKILL when a run is stopped (default 10)."),
                                   QStringLiteral("SECONDS"), QStringLiteral("10"));
    const QCommandLineOption engines(QStringLiteral("container-engines"),
                                     QStringLiteral("Container engines to offer as clusters when they work here "
                                                    "(default podman,docker; empty for none)."),
                                     QStringLiteral("LIST"), QStringLiteral("podman,docker"));
    const QCommandLineOption engineFlags(QStringLiteral("engine-flags"),
                                         QStringLiteral("Flags for every `ENGINE run`, replacing the probed ones, "
                                                        "e.g. \"podman=--runtime runc\" (repeatable)."),
                                         QStringLiteral("ENGINE=FLAGS"));
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     QStringLiteral("Log every request (method, path, status, microseconds) on "
                                                    "stderr; errors are logged in any case."));
    parser.addOptions({version, listen, dataDir, token, tokenFile, noToken, allowHost, cors, defaultCluster,
                       parallelRuns, grace, engines, engineFlags, verbose});
    parser.process(app);

    if (parser.isSet(version)) {
        std::printf("flotilla-local %s\n", FLOTILLA_VERSION);
        return 0;
    }

    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "flotilla-local: unexpected argument %s; see --help\n",
                     qPrintable(parser.positionalArguments().constFirst()));
        return 2;
    }
    ControlPlaneOptions options;
    options.addSamples = true;
    QString error;
    if (!parseListen(parser.value(listen), &options, &error)) {
        std::fprintf(stderr, "flotilla-local: %s\n", qPrintable(error));
        return 2;
    }
    options.dataDir = parser.value(dataDir);
    if (int(parser.isSet(token)) + int(parser.isSet(tokenFile)) + int(parser.isSet(noToken)) > 1) {
        std::fprintf(stderr, "flotilla-local: --token, --token-file and --no-token exclude each other; give one\n");
        return 2;
    }
    options.token = parser.value(token).toUtf8();
    if (parser.isSet(token) && options.token.isEmpty()) {
        std::fprintf(stderr, "flotilla-local: --token needs a value; leave it out for a random one\n");
        return 2;
    }
    if (parser.isSet(tokenFile) && !readTokenFile(parser.value(tokenFile), &options.token, &error)) {
        std::fprintf(stderr, "flotilla-local: %s\n", qPrintable(error));
        return 2;
    }
    options.tokenRequired = !parser.isSet(noToken);
    if (!options.tokenRequired && !options.address.isLoopback()) {
        std::fprintf(stderr, "flotilla-local: --no-token is only allowed on a loopback --listen address such as "
                             "127.0.0.1; off this machine every request needs a token\n");
        return 2;
    }
    options.allowedHosts = parser.values(allowHost);
    options.corsOrigins = parser.values(cors);
    options.defaultCluster = parser.value(defaultCluster);
    bool parallelOk = false, graceOk = false;
    options.parallelRuns = parser.value(parallelRuns).toInt(&parallelOk);
    const double graceSeconds = parser.value(grace).toDouble(&graceOk);
    if (!parallelOk || options.parallelRuns < 0 || !graceOk || graceSeconds < 0 || graceSeconds > 3600) {
        std::fprintf(stderr, "flotilla-local: --parallel-runs takes a whole number >= 0 and --terminate-grace "
                             "seconds from 0 to 3600\n");
        return 2;
    }
    options.terminateGraceMs = int(graceSeconds * 1000);
    options.containerEngines = parser.value(engines).split(u',', Qt::SkipEmptyParts);
    for (const QString &entry : parser.values(engineFlags)) {
        const qsizetype equals = entry.indexOf(u'=');
        if (equals <= 0) {
            std::fprintf(
                stderr,
                "flotilla-local: --engine-flags takes ENGINE=FLAGS, e.g. \"podman=--runtime runc\"; got \"%s\"\n",
                qPrintable(entry));
            return 2;
        }
        options.engineRunFlags.insert(entry.left(equals), entry.mid(equals + 1).split(u' ', Qt::SkipEmptyParts));
    }

    // QT_LOGGING_RULES still overrides this, either way.
    if (parser.isSet(verbose))
        QLoggingCategory::setFilterRules(QStringLiteral("flotilla.http.requests.info=true"));
    if (!options.tokenRequired)
        std::fprintf(stderr,
                     "flotilla-local: warning: --no-token: every program of every user on this machine can "
                     "run commands as you through %s\n",
                     qPrintable(parser.value(listen)));
    quitOnSignals();
    ControlPlane controlPlane(options);
    if (!controlPlane.start(&error)) {
        std::fprintf(stderr, "flotilla-local: %s\n", qPrintable(error));
        return 1;
    }
    // Engines the user named are expected; the default list offers what there is.
    if (parser.isSet(engines)) {
        for (const QString &warning : controlPlane.warnings())
            std::fprintf(stderr, "flotilla-local: warning: %s\n", qPrintable(warning));
    }
    std::printf("listening on %s\n", qPrintable(controlPlane.url().toString()));
    std::fflush(stdout);
    return app.exec();
}
