// bench_history: the history views of issue 19 at scale, offscreen. Each part
// is in its own file (bench_history_<part>.cpp) and prints its figures:
//   chart:    chart_ms, a definition's chart of 1,000 runs on screen (target 200)
//   timeline: timeline_max_frame_ms, the worst frame while panning a timeline
//             of 10,000 runs (target 16)
//   compare:  diff_ms, the diff of two 100,000-line logs (target 2,000), and
//             diff_max_stall_ms, the worst event-loop stall meanwhile (target 50)
// --only PART runs one of them.

#include "benchhistory.h"
#include "benchsupport.h"

#include <QApplication>
#include <QCommandLineParser>

#include <map>

using namespace Flotilla::Bench;

namespace {

std::map<QString, std::function<void()>> &parts()
{
    static std::map<QString, std::function<void()>> registered;
    return registered;
}

} // namespace

bool Flotilla::Bench::registerHistoryPart(const QString &name, std::function<void()> measure)
{
    parts().emplace(name, std::move(measure));
    return true;
}

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    return run(argc, argv, "bench_history", [] {
        QCommandLineParser parser;
        parser.setApplicationDescription(
            QStringLiteral("The history views at scale; see the top of bench_history.cpp."));
        parser.addHelpOption();
        const QCommandLineOption onlyOption(QStringLiteral("only"), QStringLiteral("Run only this part."),
                                            QStringLiteral("PART"));
        parser.addOption(onlyOption);
        parser.process(QCoreApplication::arguments());
        const QString only = parser.value(onlyOption);
        if (!only.isEmpty() && !parts().contains(only)) {
            QStringList names;
            for (const auto &part : parts())
                names.append(part.first);
            fail(QStringLiteral("--only: no part named \"%1\"; the parts are: %2").arg(only, names.join(u", ")));
        }
        for (const auto &[name, measure] : parts()) {
            if (only.isEmpty() || name == only)
                measure();
        }
        return 0;
    });
}
