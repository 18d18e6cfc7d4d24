#pragma once

#include <client/settings.h>
#include <wire/run.h>

#include <QHash>
#include <QIcon>
#include <QObject>

namespace Flotilla {

// What the tray shows, without a tray: its state (idle, runs active, a
// failure since the user last looked), its tooltip with the counts and its
// menu's items (active runs, the last finished ones with their outcome,
// Launch: starred and recent, Show window, Quit). The pollers feed it per server profile;
// TrayMenu and the tray icon only draw it.
class TrayState final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayState)

public:
    enum class State { Idle, Active, Failure };
    Q_ENUM(State)

    static constexpr int finishedShown = 5;
    static constexpr int activeShown = 10; // more say "and N more" and open the window

    struct Entry
    {
        QString profile;
        Run run;
    };

    struct MenuItem
    {
        enum class Kind { Header, ActiveRun, FinishedRun, More, Submenu, Launch, ShowWindow, Quit, Separator };
        Kind kind = Kind::Separator;
        QString text;
        QIcon icon;
        QString profile;       // ActiveRun, FinishedRun, Launch
        Run run;               // ActiveRun, FinishedRun
        LaunchItem launch;     // Launch
        QList<MenuItem> items; // Submenu
    };

    explicit TrayState(QObject *parent = nullptr);

    // A profile's active runs as its poller last read them.
    void setActiveRuns(const QString &profile, const QList<Run> &runs);
    // A profile's last finished runs, newest first. Those that appear after
    // the first list and failed count as failures not yet looked at.
    void setRecentlyFinished(const QString &profile, const QList<Run> &runs);
    // A run seen to end otherwise (a watched one fetched on its own).
    void addFinished(const QString &profile, const Run &run);
    // The items of one part of the Launch menu (starred, recent) under
    // their `title`, shown in the order the groups first came.
    void setLaunchItems(const QString &group, const QString &title, const QString &profile,
                        const QList<LaunchItem> &items);
    // The user looked: the window was shown or the menu opened.
    void acknowledge();

    State state() const;
    int unseenFailures() const { return m_unseenFailures; }
    QList<Entry> activeRuns() const;   // newest first
    QList<Entry> finishedRuns() const; // newest first, at most finishedShown
    QString toolTip() const;
    QList<MenuItem> menuItems() const;

Q_SIGNALS:
    void changed();

private:
    bool manyProfiles() const;
    QString runText(const Entry &entry) const;

    QHash<QString, QList<Run>> m_active;   // by profile
    QHash<QString, QList<Run>> m_finished; // by profile, newest first
    QStringList m_launchGroups;
    struct LaunchGroup
    {
        QString title;
        QString profile;
        QList<LaunchItem> items;
    };
    QHash<QString, LaunchGroup> m_launchItems; // by group
    int m_unseenFailures = 0;
};

} // namespace Flotilla
