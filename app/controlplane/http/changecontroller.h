#pragma once

#include "router.h"

namespace Flotilla {

class Store;

// /v6/changes, our extension (upstream has no such route): what the store
// changed after a number, at once, or held up to `wait` seconds until
// something changes, so a client follows every list and run with one
// request instead of polling each.
class ChangeController final
{
    Q_DISABLE_COPY_MOVE(ChangeController)
public:
    explicit ChangeController(Store &store);
    void addRoutes(Router &router);

private:
    HttpResponse changes(const HttpRequest &request, const Router::Args &args);

    Store &m_store;
};

} // namespace Flotilla
