#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>

namespace Flotilla {

Translations::Translations(const QLocale &locale)
{
    // load(QLocale, …) tries each of the locale's UI languages (LANGUAGE,
    // then LC_MESSAGES/LANG on Unix) and their shorter forms: de_AT finds _de.
    m_flotillaLoaded = m_flotilla.load(locale, QStringLiteral("flotilla"), QStringLiteral("_"), QStringLiteral(":/i18n"))
                       && QCoreApplication::installTranslator(&m_flotilla);
    m_qtLoaded = m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath))
                 && QCoreApplication::installTranslator(&m_qt);
}

Translations::~Translations()
{
    QCoreApplication::removeTranslator(&m_qt);
    QCoreApplication::removeTranslator(&m_flotilla);
}

} // namespace Flotilla
