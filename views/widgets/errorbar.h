#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace Flotilla {

// A bar over a window's content saying what went wrong, with Retry and
// Dismiss. Its background is the palette's window colour tinted red and its
// text the palette's, so it reads in light and dark themes alike.
class ErrorBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ErrorBar)

public:
    explicit ErrorBar(QWidget *parent = nullptr);

    void showError(const QString &message);
    QString message() const;
    // The tinted background, from the current palette.
    QColor background() const;

Q_SIGNALS:
    // Retry was pressed; the bar has hidden itself.
    void retryRequested();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QLabel *m_text;
    QPushButton *m_retry;
};

} // namespace Flotilla
