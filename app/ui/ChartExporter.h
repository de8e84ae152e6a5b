#pragma once
// Export: a chart (or all of them) to PNG, a pool's timeline to CSV.

#include <QCoreApplication>
#include <QImage>
#include <QList>
#include <QSize>
#include <QString>

#include "core/telemetry/Timeline.h"

namespace poolscope {

class TimeSeriesChart;

/// Pure functions of their arguments; GUI thread for the chart functions.
class ChartExporter {
    Q_DECLARE_TR_FUNCTIONS(poolscope::ChartExporter)
public:
    /// Writes every sample of `pool` as CSV: a header "t_ms,time,<metric
    /// names as in toString(Metric)>" then one row per sample, oldest first
    /// (time in ISO 8601 UTC with ms); a figure the source did not report is
    /// an empty cell. Returns an empty string on success,
    /// else what went wrong (naming the file).
    static QString writeTimelineCsv(const Timeline& timeline, const QString& pool, const QString& file);
    /// The charts rendered at `size` each, stacked top to bottom.
    static QImage renderCharts(const QList<TimeSeriesChart*>& charts, QSize size);
    /// Saves `image` as PNG; empty string on success, else the reason.
    static QString writePng(const QImage& image, const QString& file);
};

}  // namespace poolscope
