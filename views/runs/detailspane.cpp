#include "detailspane.h"

#include "runselectionactions.h"
#include "runtable.h"

#include <lists/runlistmodel.h>

#include <QAction>
#include <QCoreApplication>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QTableView>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Flotilla {

QTreeWidget *createEnvView(QWidget *parent)
{
    auto *view = new QTreeWidget(parent);
    view->setColumnCount(2);
    view->setHeaderLabels({QCoreApplication::translate("Flotilla::DetailsPane", "Name"),
                           QCoreApplication::translate("Flotilla::DetailsPane", "Value")});
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setAccessibleName(QCoreApplication::translate("Flotilla::DetailsPane", "Environment variables"));
    return view;
}

void showEnv(QTreeWidget *view, const EnvList &env)
{
    view->clear();
    for (const EnvVar &var : env)
        view->addTopLevelItem(new QTreeWidgetItem({var.name, var.value}));
}

DetailsPane::DetailsPane(const QString &titleName, const char *runsName, QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_titleRow(new QHBoxLayout)
    , m_body(new QWidget(this))
    , m_attributes(new QFormLayout)
    , m_runView(new QTableView(m_body))
    , m_runTabs(new QTabWidget(m_body))
    , m_runs(new RunListModel(nullptr, this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAccessibleName(titleName);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true); // else its hint sets the main window's minimum width
    m_attributes->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_runs->setPageSize(50);
    setUpRunTable(m_runView, m_runs, runsName, [this](const Run &run) { Q_EMIT runActivated(run); });
    m_runActions = new RunSelectionActions(m_runView);
    for (int column : {int(RunListModel::Group), int(RunListModel::User)})
        m_runView->setColumnHidden(column, true);

    auto *layout = new QVBoxLayout(this);
    m_titleRow->addWidget(m_title, 1);
    layout->addLayout(m_titleRow);
    layout->addWidget(m_body, 1);
}

DetailsPane::~DetailsPane() = default;

void DetailsPane::addTitleActions(const QList<QAction *> &actions)
{
    for (QAction *action : actions) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        const auto name = [button, action] { button->setAccessibleName(action->text().remove(u'&')); };
        name();
        connect(action, &QAction::changed, button, name);
        m_titleRow->addWidget(button, 0, Qt::AlignTop);
    }
}

QList<QLabel *> DetailsPane::addAttributeRows(const QStringList &labels)
{
    QList<QLabel *> values;
    for (const QString &label : labels) {
        auto *value = new QLabel(m_body);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        value->setWordWrap(true);
        value->setAccessibleName(label.chopped(1));
        m_attributes->addRow(label, value);
        values.append(value);
    }
    return values;
}

void DetailsPane::offerRunFilters(RunFilterBar::Filters filters)
{
    m_runFilters = new RunFilterBar(m_runs, filters, {}, m_body);
}

void DetailsPane::layOutBody(QWidget *middle, const QString &middleTitle)
{
    auto *bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addLayout(m_attributes);
    if (!middleTitle.isEmpty())
        bodyLayout->addWidget(new QLabel(middleTitle, m_body));
    bodyLayout->addWidget(middle);
    auto *runsPage = new QWidget(m_runTabs);
    auto *runsLayout = new QVBoxLayout(runsPage);
    if (m_runFilters)
        runsLayout->addWidget(m_runFilters);
    runsLayout->addWidget(m_runView, 1);
    m_runTabs->addTab(runsPage, tr("R&uns")); // Alt+R is the Run menu
    m_runTabs->setAccessibleName(tr("Runs"));
    m_runTabs->setObjectName(QStringLiteral("runTabs"));
    bodyLayout->addWidget(m_runTabs, 1);
}

void DetailsPane::addRunsTab(QWidget *page, const QString &label)
{
    m_runTabs->addTab(page, label);
}

void DetailsPane::showTitle(const QString &title, const QString &emptyHint)
{
    m_body->setVisible(!title.isEmpty());
    m_title->setText(title.isEmpty() ? emptyHint : title);
    if (title.isEmpty())
        m_runs->setClient(nullptr); // with no id it would list every run
}

void DetailsPane::showRunsOf(FlotillaClient *client, const QString &id, bool ofTemplate)
{
    if (m_runs->client() == client && m_runs->definitionId() == id && m_runsOfTemplate == ofTemplate)
        return;
    m_runsOfTemplate = ofTemplate;
    if (m_runFilters && m_runs->client() != client)
        m_runFilters->setClient(client);
    m_runs->setClient(client);
    if (ofTemplate)
        m_runs->setTemplateId(id);
    else
        m_runs->setDefinitionId(id);
    m_runs->reload();
}

} // namespace Flotilla
