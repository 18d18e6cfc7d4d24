#include "clustercombo.h"

#include <lists/clustersmodel.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QCompleter>
#include <QLineEdit>

namespace Flotilla {

void setUpClusterCombo(QComboBox *combo, FlotillaClient *client)
{
    auto *clusters = new ClustersModel(client, combo);
    combo->setModel(clusters);
    const QString serverDefault = QCoreApplication::translate("Flotilla::LaunchDialog", "the server's default");
    combo->setPlaceholderText(serverDefault); // keeps the combo from picking one itself
    combo->lineEdit()->setPlaceholderText(serverDefault);
    combo->completer()->setCompletionRole(Qt::DisplayRole); // the name models have no EditRole
    clusters->reload();
}

} // namespace Flotilla
