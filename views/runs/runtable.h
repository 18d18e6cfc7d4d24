#pragma once

#include <functional>

class QTableView;

namespace Flotilla {

class RunListModel;
struct Run;

// A table of runs as every page shows them: the status by icon, colour and
// text, the time columns fitted, and `activated` for Enter or a double click.
void setUpRunTable(QTableView *view, RunListModel *runs, const char *accessibleName,
                   const std::function<void(const Run &)> &activated);

} // namespace Flotilla
