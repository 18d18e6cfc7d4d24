#include "confirmation.h"

#include <client/serverconnection.h>

#include <QMessageBox>
#include <QPushButton>

namespace Flotilla {

QMessageBox *askToConfirm(ServerConnection *connection, FlotillaClient *client, QWidget *window, const QString &title,
                          const QString &text, const QString &yesText, std::function<void(FlotillaClient *)> yes)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Cancel, window);
    QPushButton *yesButton = box->addButton(yesText, QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connection->holdClient(client, box); // the answer goes to the server asked about
    QObject::connect(box, &QMessageBox::finished, box, [box, yesButton, client, yes = std::move(yes)] {
        if (box->clickedButton() == yesButton)
            yes(client);
    });
    box->open();
    return box;
}

} // namespace Flotilla
