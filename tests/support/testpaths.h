#pragma once

#include <QDir>
#include <QFileInfo>
#include <QString>

namespace Flotilla::TestPaths {

// The build's folders, found from the running program (build/tests/ or
// build/bin/) rather than compiled in: an absolute path in a compile
// definition makes every clone of the project miss the compiler cache.
inline QString buildDir()
{
    QDir programDir = QFileInfo(QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath()).dir();
    programDir.cdUp();
    return programDir.path();
}

// Where the build puts the programs: flotilla-local, flotilla, ...
inline QString binDir()
{
    return buildDir() + QStringLiteral("/bin");
}

// The wrapper of runs, which test programs do not lie beside.
inline QString runProgram()
{
    return binDir() + QStringLiteral("/flotilla-run");
}

// The recorded upstream bodies (tests/fixtures/upstream, linked into the build at configure time).
inline QString fixturesDir()
{
    return buildDir() + QStringLiteral("/tests/fixtures/upstream");
}

} // namespace Flotilla::TestPaths
