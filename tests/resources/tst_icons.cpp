#include <icons.h>

#include <QDirIterator>
#include <QImage>
#include <QRegularExpression>
#include <QSet>
#include <QSvgRenderer>
#include <QTest>

using namespace Flotilla;

namespace {

const QList<StatusIcon> allStatusIcons = {StatusIcon::Queued,    StatusIcon::Pending, StatusIcon::Running,
                                          StatusIcon::Succeeded, StatusIcon::Failed,  StatusIcon::Stopped,
                                          StatusIcon::Unknown};
const QList<ActionIcon> allActionIcons = {ActionIcon::Launch,  ActionIcon::Stop,   ActionIcon::Retry,
                                          ActionIcon::Refresh, ActionIcon::New,    ActionIcon::Edit,
                                          ActionIcon::Copy,    ActionIcon::Delete, ActionIcon::Star};
const QList<TrayIcon> allTrayIcons = {TrayIcon::Idle, TrayIcon::Active, TrayIcon::Failure};

QStringList resourceFiles(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    return files;
}

// The icon at 16 px, the size a table row shows it at.
QImage render16(const QIcon &icon)
{
    return icon.pixmap(QSize(16, 16)).toImage().convertToFormat(QImage::Format_ARGB32);
}

int opaquePixels(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += qAlpha(image.pixel(x, y)) > 128 ? 1 : 0;
    return count;
}

template <typename Enum>
QList<QIcon> iconsOf(const QList<Enum> &values, QIcon (*icon)(Enum))
{
    QList<QIcon> icons;
    for (Enum value : values)
        icons.append(icon(value));
    return icons;
}

// One icon per file in the folder; each draws something, and no two look alike.
void verifyIconSet(const QString &folder, const QList<QIcon> &icons)
{
    QCOMPARE(resourceFiles(folder).size(), icons.size());
    QSet<QByteArray> seen;
    for (const QIcon &icon : icons) {
        QVERIFY(!icon.isNull());
        const QImage image = render16(icon);
        QCOMPARE(image.size(), QSize(16, 16));
        QVERIFY2(opaquePixels(image) >= 16, "an icon draws next to nothing at 16 px");
        const QByteArray pixels(reinterpret_cast<const char *>(image.constBits()), image.sizeInBytes());
        QVERIFY2(!seen.contains(pixels), "two icons render the same");
        seen.insert(pixels);
    }
}

} // namespace

class Tst_Icons final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void everyResourceIsAValidSquareSvg();
    void statusIcons();
    void actionIcons();
    void trayIcons();
    void applicationIcon();
};

void Tst_Icons::init()
{
    // Qt SVG warns about what it cannot render; an icon must need none of that.
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
}

void Tst_Icons::everyResourceIsAValidSquareSvg()
{
    const QStringList files = resourceFiles(QStringLiteral(":/icons"));
    QCOMPARE(files.size(), 1 + allStatusIcons.size() + allActionIcons.size() + allTrayIcons.size());
    for (const QString &file : files) {
        QVERIFY2(file.endsWith(QLatin1String(".svg")), qPrintable(file));
        QSvgRenderer renderer(file);
        QVERIFY2(renderer.isValid(), qPrintable(file));
        const QRectF viewBox = renderer.viewBoxF();
        QVERIFY2(!viewBox.isEmpty() && viewBox.width() == viewBox.height(), qPrintable(file));
    }
}

void Tst_Icons::statusIcons()
{
    verifyIconSet(QStringLiteral(":/icons/status"), iconsOf(allStatusIcons, &statusIcon));
}

void Tst_Icons::actionIcons()
{
    verifyIconSet(QStringLiteral(":/icons/actions"), iconsOf(allActionIcons, &actionIcon));
}

void Tst_Icons::trayIcons()
{
    verifyIconSet(QStringLiteral(":/icons/tray"), iconsOf(allTrayIcons, &trayIcon));
}

void Tst_Icons::applicationIcon()
{
    QCOMPARE(applicationId(), QStringLiteral("io.github.flotilla.Desktop"));
    const QIcon icon = Flotilla::applicationIcon();
    QVERIFY(!icon.isNull());
    QVERIFY(opaquePixels(render16(icon)) > 16 * 16 / 2);
    QVERIFY(opaquePixels(icon.pixmap(QSize(256, 256)).toImage()) > 256 * 256 / 2);
}

QTEST_MAIN(Tst_Icons)
#include "tst_icons.moc"
