#pragma once

#include "apijob.h"
#include "serverflavour.h"

namespace Flotilla {

// Finds out which kind of Flotilla server answers (see serverflavour.h for
// the three questions it asks). Made by FlotillaClient::detectFlavour().
class FlavourDetectionJob final : public ApiJob
{
public:
    explicit FlavourDetectionJob(FlotillaClient *client);

    ServerFlavour result() const { return m_result; }

protected:
    void handleAnswer(int status, const QByteArray &body, const QByteArray &contentType) override;
    QString parse(const QByteArray &, QStringList *) override { return {}; }

private:
    enum class Step { Groups, Health, Clusters };
    Step m_step = Step::Groups;
    ServerFlavour m_result = ServerFlavour::Auto;
};

} // namespace Flotilla
