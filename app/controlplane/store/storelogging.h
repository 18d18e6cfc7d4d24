#pragma once

#include <QLoggingCategory>

namespace Flotilla {

// SQL errors and corrupt rows: always on.
Q_DECLARE_LOGGING_CATEGORY(lcStore)

} // namespace Flotilla
