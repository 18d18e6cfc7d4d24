#include "templatespage.h"

#include "templatedetails.h"
#include <widgets/starcontroller.h>
#include <widgets/tableviews.h>

#include <lists/runlistmodel.h>
#include <lists/starredproxymodel.h>
#include <lists/templatelistmodel.h>

#include <icons.h>

#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Flotilla {

TemplatesPage::TemplatesPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new TemplateListModel(nullptr, this))
    , m_allVersions(new QCheckBox(tr("Show &all versions"), this))
    , m_stars(new StarController(StarController::Kind::Templates, m_model, this))
    , m_table(new QTableView(this))
    , m_details(new TemplateDetails(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
{
    m_allVersions->setAccessibleName(tr("Show all versions"));
    m_allVersions->setToolTip(tr("List every version of each template, not only the latest"));
    connect(m_allVersions, &QCheckBox::toggled, m_model, [this](bool all) { m_model->setLatestOnly(!all); });

    setUpTable(m_table, m_model, QT_TRANSLATE_NOOP("Flotilla::Tables", "Templates"), m_stars->proxy());
    m_table->setColumnHidden(TemplateListModel::Cpu, true);
    m_table->horizontalHeader()->resizeSection(TemplateListModel::Name, 220);
    m_table->horizontalHeader()->resizeSection(TemplateListModel::Image, 220);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TemplatesPage::selectionChanged);
    connect(m_stars->proxy(), &QAbstractItemModel::dataChanged, this, &TemplatesPage::selectionChanged);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_pendingSelection.isEmpty())
            select(m_pendingSelection);
    });
    connect(m_model, &TemplateListModel::errorOccurred, this, &TemplatesPage::errorOccurred);
    connect(m_details, &TemplateDetails::runActivated, this, &TemplatesPage::runActivated);

    m_launch = new QAction(actionIcon(ActionIcon::Launch), tr("&Launch…"), this);
    m_launch->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_launch->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_launch, &QAction::triggered, this, [this] {
        if (const std::optional<Template> tpl = selectedTemplate())
            Q_EMIT launchRequested(*tpl);
    });
    m_table->addAction(m_launch);
    addAction(m_launch);
    m_copyLink = new QAction(tr("Copy &Link"), this);
    connect(m_copyLink, &QAction::triggered, this, [this] {
        if (const std::optional<Template> tpl = selectedTemplate())
            Q_EMIT copyLinkRequested(*tpl);
    });
    m_table->addActions({m_stars->starAction(), m_copyLink});
    m_details->addTitleActions({m_stars->starAction()});

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_allVersions);
    controls->addWidget(m_stars->filter());
    controls->addStretch(1);
    auto *launchButton = new QToolButton(this);
    launchButton->setDefaultAction(m_launch);
    launchButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    launchButton->setAccessibleName(tr("Launch the selected template"));
    controls->addWidget(launchButton);

    auto *left = new QWidget(m_splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(controls);
    leftLayout->addWidget(m_table, 1);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({2500, 2500});
    m_splitter->setObjectName(QStringLiteral("templatesSplitter"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
    selectionChanged();
}

void TemplatesPage::setClient(FlotillaClient *client)
{
    m_model->setClient(client);
    m_details->setClient(client);
}

void TemplatesPage::setProfileName(const QString &profileName)
{
    m_stars->setProfileName(profileName);
}

void TemplatesPage::refresh()
{
    m_model->refresh();
    m_details->runs()->refresh();
}

void TemplatesPage::focusFilter()
{
    m_table->setFocus(Qt::ShortcutFocusReason);
}

void TemplatesPage::select(const QString &templateId)
{
    const bool selected = selectSourceRow(m_table, m_model, m_model->rowOf(templateId));
    m_pendingSelection = selected ? QString() : templateId;
}

std::optional<Template> TemplatesPage::selectedTemplate() const
{
    if (!m_table->currentIndex().isValid())
        return std::nullopt;
    return m_details->shownTemplate();
}

void TemplatesPage::selectionChanged()
{
    const QModelIndex current = m_table->currentIndex();
    m_launch->setEnabled(current.isValid());
    m_copyLink->setEnabled(current.isValid());
    m_stars->setCurrentId(current.data(PagedTableModel::IdRole).toString());
    m_details->setTemplate(current.isValid() ? current.data(PagedTableModel::ObjectRole).value<Template>() : Template{});
}

} // namespace Flotilla
