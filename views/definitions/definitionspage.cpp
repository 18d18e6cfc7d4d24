#include "definitionspage.h"

#include "definitiondetails.h"
#include <widgets/filterfield.h>
#include <widgets/namefiltercombo.h>
#include <widgets/starcontroller.h>
#include <widgets/tableviews.h>

#include <lists/definitionlistmodel.h>
#include <lists/groupsmodel.h>
#include <lists/runlistmodel.h>
#include <lists/starredproxymodel.h>
#include <lists/tagsmodel.h>

#include <icons.h>

#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Flotilla {

DefinitionsPage::DefinitionsPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new DefinitionListModel(nullptr, this))
    , m_groups(new GroupsModel(nullptr, this))
    , m_tags(new TagsModel(nullptr, this))
    , m_aliasFilter(new QLineEdit(this))
    , m_imageFilter(new QLineEdit(this))
    , m_groupFilter(new NameFilterCombo(m_groups, tr("All groups"), this))
    , m_tagFilter(new NameFilterCombo(m_tags, tr("All tags"), this))
    , m_aliasDebounce(new QTimer(this))
    , m_stars(new StarController(StarController::Kind::Definitions, m_model, this))
    , m_table(new QTableView(this))
    , m_details(new DefinitionDetails(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
{
    m_aliasFilter->setPlaceholderText(tr("Search aliases (Ctrl+L)"));
    m_aliasFilter->setClearButtonEnabled(true);
    keepPlaceholderVisible(m_aliasFilter);
    m_aliasFilter->setAccessibleName(tr("Alias filter"));
    m_imageFilter->setPlaceholderText(tr("Image"));
    m_imageFilter->setClearButtonEnabled(true);
    keepPlaceholderVisible(m_imageFilter);
    m_imageFilter->setAccessibleName(tr("Image filter"));
    m_groupFilter->setAccessibleName(tr("Group filter"));
    m_tagFilter->setAccessibleName(tr("Tag filter"));
    m_aliasDebounce->setSingleShot(true);
    m_aliasDebounce->setInterval(250);
    connect(m_aliasFilter, &QLineEdit::textChanged, m_aliasDebounce, qOverload<>(&QTimer::start));
    connect(m_imageFilter, &QLineEdit::textChanged, m_aliasDebounce, qOverload<>(&QTimer::start));
    connect(m_aliasDebounce, &QTimer::timeout, this, [this] {
        m_model->setAliasFilter(m_aliasFilter->text().trimmed());
        m_model->setImageFilter(m_imageFilter->text().trimmed());
    });
    connect(m_groupFilter, &NameFilterCombo::chosenNameChanged, m_model, &DefinitionListModel::setGroupFilter);
    connect(m_tagFilter, &NameFilterCombo::chosenNameChanged, m_model, &DefinitionListModel::setTagFilter);

    setUpTable(m_table, m_model, QT_TRANSLATE_NOOP("Flotilla::Tables", "Definitions"), m_stars->proxy());
    m_table->setColumnHidden(DefinitionListModel::Cpu, true);
    m_table->horizontalHeader()->resizeSection(DefinitionListModel::Alias, 220);
    m_table->horizontalHeader()->resizeSection(DefinitionListModel::Image, 200);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DefinitionsPage::selectionChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DefinitionsPage::selectionChanged);
    connect(m_stars->proxy(), &QAbstractItemModel::dataChanged, this, &DefinitionsPage::selectionChanged);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_pendingSelection.isEmpty())
            select(m_pendingSelection);
    });
    connect(m_model, &DefinitionListModel::errorOccurred, this, &DefinitionsPage::errorOccurred);
    connect(m_details, &DefinitionDetails::runActivated, this, &DefinitionsPage::runActivated);

    m_new = new QAction(actionIcon(ActionIcon::New), tr("&New Definition…"), this);
    m_new->setShortcut(QKeySequence::New);
    connect(m_new, &QAction::triggered, this, &DefinitionsPage::newRequested);
    m_table->addAction(m_new);
    m_launch = addDefinitionAction(tr("&Launch…"), QKeySequence(Qt::CTRL | Qt::Key_R),
                                   &DefinitionsPage::launchRequested, &DefinitionsPage::launchManyRequested);
    m_launch->setIcon(actionIcon(ActionIcon::Launch));
    addDefinitionAction(tr("&Edit…"), QKeySequence(Qt::Key_F2), &DefinitionsPage::editRequested)
        ->setIcon(actionIcon(ActionIcon::Edit));
    addDefinitionAction(tr("&Copy…"), {}, &DefinitionsPage::copyRequested)->setIcon(actionIcon(ActionIcon::Copy));
    addDefinitionAction(tr("&Delete…"), QKeySequence::Delete, &DefinitionsPage::deleteRequested,
                        &DefinitionsPage::deleteManyRequested)
        ->setIcon(actionIcon(ActionIcon::Delete));
    addDefinitionAction(tr("&Notify Me About This Definition's Runs"), {}, &DefinitionsPage::watchRequested);
    m_table->addAction(m_stars->starAction());
    addDefinitionAction(tr("Copy &Link"), {}, &DefinitionsPage::copyLinkRequested);
    m_details->addTitleActions({m_stars->starAction()});

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_aliasFilter, 2);
    filters->addWidget(m_imageFilter, 1);
    filters->addWidget(m_groupFilter);
    filters->addWidget(m_tagFilter);
    filters->addWidget(m_stars->filter());
    // New Definition is in the tool bar; Launch belongs with the selection.
    auto *launchButton = new QToolButton(this);
    launchButton->setDefaultAction(m_launch);
    launchButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    launchButton->setAccessibleName(tr("Launch the selected definition"));
    filters->addWidget(launchButton);

    auto *left = new QWidget(m_splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(filters);
    leftLayout->addWidget(m_table, 1);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    // Stretch factors only share out later growth; without these relative
    // sizes the first layout leaves the details pane at its narrow hint.
    m_splitter->setSizes({3000, 2000});
    m_splitter->setObjectName(QStringLiteral("definitionsSplitter"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
    selectionChanged();
}

QAction *DefinitionsPage::addDefinitionAction(const QString &text, const QKeySequence &shortcut,
                                              void (DefinitionsPage::*signal)(const Definition &),
                                              void (DefinitionsPage::*many)(const QList<Definition> &))
{
    auto *action = new QAction(text, this);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, [this, signal, many] {
        if (const QList<Definition> selected = selectedDefinitions(); many && selected.size() > 1)
            Q_EMIT(this->*many)(selected);
        else if (const std::optional<Definition> definition = selectedDefinition())
            Q_EMIT(this->*signal)(*definition);
    });
    m_table->addAction(action);
    addAction(action);
    (many ? m_bulkActions : m_selectionActions).append(action);
    return action;
}

void DefinitionsPage::setClient(FlotillaClient *client)
{
    // Each model reloads on a new client by itself: once.
    m_model->setClient(client);
    m_groups->setClient(client);
    m_tags->setClient(client);
    m_details->setClient(client);
    m_tagFilter->setVisible(m_model->canFilterByTag());
}

void DefinitionsPage::setProfileName(const QString &profileName)
{
    m_stars->setProfileName(profileName);
}

void DefinitionsPage::refresh()
{
    m_model->refresh();
    m_groups->refresh();
    m_tags->refresh();
    m_details->runs()->refresh();
}

void DefinitionsPage::focusFilter()
{
    m_aliasFilter->setFocus(Qt::ShortcutFocusReason);
    m_aliasFilter->selectAll();
}

void DefinitionsPage::showGroup(const QString &group)
{
    m_groupFilter->choose(group);
}

void DefinitionsPage::showTag(const QString &tag)
{
    m_tagFilter->choose(tag);
}

void DefinitionsPage::select(const QString &definitionId)
{
    const bool selected = selectSourceRow(m_table, m_model, m_model->rowOf(definitionId));
    m_pendingSelection = selected ? QString() : definitionId;
}

std::optional<Definition> DefinitionsPage::selectedDefinition() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return current.data(PagedTableModel::ObjectRole).value<Definition>();
}

QList<Definition> DefinitionsPage::selectedDefinitions() const
{
    return selectedObjects<Definition>(m_table);
}

void DefinitionsPage::selectionChanged()
{
    const std::optional<Definition> definition = selectedDefinition();
    const qsizetype selected = m_table->selectionModel()->selectedRows().size();
    for (QAction *action : std::as_const(m_selectionActions))
        action->setEnabled(definition.has_value() && selected <= 1);
    for (QAction *action : std::as_const(m_bulkActions))
        action->setEnabled(definition.has_value() || selected > 0);
    m_stars->setCurrentId(definition ? definition->definitionId : QString());
    m_details->setDefinition(definition.value_or(Definition{}));
}

} // namespace Flotilla
