#pragma once

#include <QLoggingCategory>

namespace Flotilla {

// flotilla.client: failed requests (warnings) and retries (info) of the API
// jobs. QT_LOGGING_RULES="flotilla.client.info=true" shows the retries.
Q_DECLARE_LOGGING_CATEGORY(lcClient)

} // namespace Flotilla
