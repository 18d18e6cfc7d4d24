#pragma once

#include <QString>

#include <functional>

class QMessageBox;
class QWidget;

namespace Flotilla {

class FlotillaClient;
class ServerConnection;

// Asks `text` over `window`, window-modal, Cancel the default; `yes` runs
// with `client` (the server asked about, held until the answer) when
// `yesText` is clicked. Returns the open box.
QMessageBox *askToConfirm(ServerConnection *connection, FlotillaClient *client, QWidget *window, const QString &title,
                          const QString &text, const QString &yesText, std::function<void(FlotillaClient *)> yes);

} // namespace Flotilla
