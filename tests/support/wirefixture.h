#pragma once

#include "testpaths.h"
#include <wire/jsonreader.h>

#include <QFile>

namespace Flotilla::Testing {

// A recorded upstream body of tests/fixtures/upstream as JSON; a missing file
// ends the test program, since every later step would only fail less clearly.
inline Json fixtureJson(const QString &name)
{
    QFile file(TestPaths::fixturesDir() + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(name));
    return Json::parse(file.readAll().toStdString());
}

} // namespace Flotilla::Testing
