#pragma once

#include <QLoggingCategory>

namespace Flotilla {

// Answers the server could not give (5xx), listen failures: always on.
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
// One line per request (method, path, status, microseconds) at info level:
// off unless flotilla-local --verbose or QT_LOGGING_RULES turns it on.
Q_DECLARE_LOGGING_CATEGORY(lcHttpRequests)

} // namespace Flotilla
