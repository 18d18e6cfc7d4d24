#include "clientlogging.h"

namespace Flotilla {

Q_LOGGING_CATEGORY(lcClient, "flotilla.client", QtInfoMsg)

} // namespace Flotilla
