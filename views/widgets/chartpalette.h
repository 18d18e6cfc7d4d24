#pragma once

class QChart;
class QPalette;

namespace Flotilla {

// Paints `chart`'s background, titles, legend and axes from the window's
// palette. Qt Charts' own themes are light or dark on their own; following the
// palette keeps every chart at home on light and dark desktops alike.
void applyPaletteToChart(QChart *chart, const QPalette &palette);

} // namespace Flotilla
