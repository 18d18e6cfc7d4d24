#pragma once

#include <QString>
#include <QStringList>

namespace Flotilla::Testing {

// A tmpfs mounted over a dir for one test (CI runs as root), unmounted by
// the destructor: the way to a file system that refuses even root.
class TmpfsMount final
{
    Q_DISABLE_COPY_MOVE(TmpfsMount)
public:
    TmpfsMount() = default;
    ~TmpfsMount();

    // Owner-only and empty, `size` as mount(8) takes it ("1m");
    // false with `problem` where mounting is not allowed.
    bool mount(const QString &dir, QString *problem, const QString &size = QStringLiteral("1m"));
    bool remountReadOnly(QString *problem);

private:
    static bool mountCommand(const QStringList &arguments, QString *problem);

    QString m_dir;
};

} // namespace Flotilla::Testing
