#pragma once

#include <QLoggingCategory>

namespace Flotilla {

// Runs that cannot be started or followed, scheduler failures: always on.
Q_DECLARE_LOGGING_CATEGORY(lcExec)

} // namespace Flotilla
