#pragma once

#include "resourceusage.h"

#include <QWidget>

namespace Flotilla {

// A small bar for one resource of a run: filled to the peak used, on a scale
// of the limit, with a tick where the request is. Above 90% of the limit the
// fill turns to a warning colour. Its accessible description and tooltip say
// the same in words (ResourceUsage::summary()).
class ResourceBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResourceBar)

public:
    explicit ResourceBar(QWidget *parent = nullptr);

    const ResourceUsage &usage() const { return m_usage; }
    void setUsage(const ResourceUsage &usage);

    // The fill's colour: the palette's highlight, or the warning colour near the limit.
    QColor fillColor() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    ResourceUsage m_usage;
};

} // namespace Flotilla
