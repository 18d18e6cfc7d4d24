#pragma once

#include <QLocale>
#include <QTranslator>

namespace Flotilla {

// Flotilla's own translation (embedded under :/i18n) and Qt's qtbase one
// (the system's, e.g. qt6-translations-l10n) for a locale, installed on the
// application for as long as this object lives. A language without a
// translation stays English; that is no error.
class Translations final
{
    Q_DISABLE_COPY_MOVE(Translations)

public:
    explicit Translations(const QLocale &locale);
    ~Translations();

    bool hasFlotilla() const { return m_flotillaLoaded; }
    bool hasQt() const { return m_qtLoaded; }

private:
    QTranslator m_flotilla;
    QTranslator m_qt;
    bool m_flotillaLoaded = false;
    bool m_qtLoaded = false;
};

} // namespace Flotilla
