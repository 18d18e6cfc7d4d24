#pragma once

class QComboBox;

namespace Flotilla {

class FlotillaClient;

// The cluster field of the launch forms: an editable combo of the server's
// clusters, empty for "the server's default".
void setUpClusterCombo(QComboBox *combo, FlotillaClient *client);

} // namespace Flotilla
