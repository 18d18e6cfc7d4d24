#pragma once

#include <QWidget>

class QLineEdit;
class QListView;

namespace Flotilla {

class ApiError;
class FlotillaClient;
class NameListModel;

// A page listing the groups, tags or clusters of the server, with a filter;
// activating a name shows what belongs to it.
class NameListPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NameListPage)

public:
    enum class Kind { Groups, Tags, Clusters };

    explicit NameListPage(Kind kind, QWidget *parent = nullptr);

    void setClient(FlotillaClient *client);
    void refresh();
    void focusFilter();

Q_SIGNALS:
    void nameActivated(const QString &name);
    void errorOccurred(const Flotilla::ApiError &error);

private:
    NameListModel *m_model;
    QLineEdit *m_filter;
    QListView *m_list;
};

} // namespace Flotilla
