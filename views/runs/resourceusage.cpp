#include "resourceusage.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace Flotilla {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("Flotilla::ResourceUsage", text);
}

} // namespace

ResourceUsage ResourceUsage::memoryOf(const Run &run)
{
    return {Kind::Memory, run.memory, run.memoryLimit, run.maxMemoryUsed};
}

ResourceUsage ResourceUsage::cpuOf(const Run &run)
{
    return {Kind::Cpu, run.cpu, run.cpuLimit, run.maxCpuUsed};
}

qint64 ResourceUsage::scale() const
{
    const qint64 largest = std::max({requested.value_or(0), limit.value_or(0), maxUsed.value_or(0)});
    return limit && *limit > 0 && maxUsed.value_or(0) <= *limit ? *limit : largest;
}

bool ResourceUsage::isNearLimit() const
{
    return limit && maxUsed && *limit > 0 && *maxUsed * 10 > *limit * 9;
}

QString ResourceUsage::amountText(qint64 amount) const
{
    const QLocale locale;
    if (kind == Kind::Memory)
        return translate("%1 MB").arg(locale.toString(amount));
    if (amount == 1024)
        return translate("1 core");
    return translate("%1 cores").arg(locale.toString(double(amount) / 1024.0, 'f', amount % 1024 == 0 ? 0 : 2));
}

QString ResourceUsage::summary() const
{
    QString text;
    if (maxUsed && limit)
        text = translate("Used %1 of a %2 limit").arg(amountText(*maxUsed), amountText(*limit));
    else if (maxUsed)
        text = translate("Used %1").arg(amountText(*maxUsed));
    else if (limit)
        text = translate("Limit %1").arg(amountText(*limit));
    if (!requested)
        return text.isEmpty() ? translate("Not known") : text;
    if (text.isEmpty())
        return translate("Requested %1").arg(amountText(*requested));
    return translate("%1 · requested %2").arg(text, amountText(*requested));
}

std::optional<qint64> suggestedMemory(const Run &run)
{
    // The kill stopped the peak at the limit, so what was used is only a lower
    // bound of what the run needs: half as much again leaves room for the
    // growth the kill cut off. Rounding up to 256 MB (1 GB above 4 GB) gives
    // the sizes people and schedulers use, and keeps a retry from missing by
    // a few megabytes.
    const qint64 base = std::max({run.maxMemoryUsed.value_or(0), run.memoryLimit.value_or(0), run.memory.value_or(0)});
    if (base <= 0)
        return std::nullopt;
    const qint64 wanted = (base * 3 + 1) / 2;
    const qint64 step = wanted > 4096 ? 1024 : 256;
    return (wanted + step - 1) / step * step;
}

} // namespace Flotilla
