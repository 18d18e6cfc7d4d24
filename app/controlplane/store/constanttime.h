#pragma once

#include <QByteArrayView>

namespace Flotilla {

// Whether two secrets are equal, in a time that does not depend on where
// they differ: bearer tokens and log-token signatures are compared with it,
// so a client cannot learn a valid one byte by byte from the timing.
inline bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace Flotilla
