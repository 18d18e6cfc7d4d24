#include "serverflavour.h"

namespace Flotilla {

static constexpr std::pair<ServerFlavour, const char16_t *> flavourNames[] = {
    {ServerFlavour::Auto, u"auto"},
    {ServerFlavour::ControlPlane, u"control-plane"},
    {ServerFlavour::CurrentUpstream, u"upstream"},
    {ServerFlavour::SeedEra, u"seed-era"},
};

QString serverFlavourName(ServerFlavour flavour)
{
    for (const auto &[value, name] : flavourNames) {
        if (value == flavour)
            return QString::fromUtf16(name);
    }
    return {};
}

std::optional<ServerFlavour> serverFlavourFromName(QStringView name)
{
    for (const auto &[value, text] : flavourNames) {
        if (name.compare(QStringView(text), Qt::CaseInsensitive) == 0)
            return value;
    }
    return std::nullopt;
}

} // namespace Flotilla
